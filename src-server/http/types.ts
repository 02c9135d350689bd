import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ChangeFeed } from '../changes/change-feed.js';
import type { NamespaceClaim } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import type { ServerLimits } from './limits.js';
import type { OpenStreams } from './open-streams.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  db: Db;
  feed: ChangeFeed;
  /** Guards /admin/v1; the admin API is off when it is unset. */
  adminToken?: string;
  heartbeatMs: number;
  /** How a namespace nobody owns gets its first owner; default `first-push`. */
  namespaceClaim?: NamespaceClaim;
  /** The live streams this process holds (ended when their token stops granting access). */
  streams: OpenStreams;
  limits: ServerLimits;
}

/** The authenticated caller, set by the auth hook on every /v1 route. */
export interface Caller {
  name: string;
  /** The namespaces they own, read with the token (ownership covers everything below). */
  owned: string[];
  /** The token's id (never the token): streams and rate limits are counted per token. */
  tokenId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}
