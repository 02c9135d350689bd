import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import type { Db } from '../db/db.js';
import { authenticate } from '../store/users.js';
import type { Caller } from './types.js';

/** The scheme is case-insensitive (RFC 9110 §11.1): `bearer …` is the same as `Bearer …`. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i;

/** onRequest hook: runs before the body is read, so nobody unauthenticated gets a body parsed. */
export function authHook(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new ApiError('unauthorized', 'Missing or invalid token');
    request.caller = await authenticate(db, token);
  };
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError('unauthorized', 'Missing or invalid token');
  return request.caller;
}
