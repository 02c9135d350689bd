import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { ApiError } from '../errors.js';

/** The routes whose rate is limited per token: the writes a client repeats. */
const PUSH_ROUTES = new Set<string>([syncRoutes.pushOps, syncRoutes.pushBranches]);

/**
 * Fastify's request time options. Node checks the request timeout on a timer
 * (every 30 s by default), so the check runs often enough for the limit to
 * mean what it says; headers must arrive within it too.
 */
export function requestTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: Math.min(60_000, requestTimeoutMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

/**
 * Pushes per token per minute (@fastify/rate-limit, counted in this process).
 * The auth hook has run by then (the plugin's hook is the route's own), so
 * the key is the token's id; a refusal is our usual error body, a 429 with
 * Retry-After in seconds.
 */
export function pushRateLimit(pushesPerMinute: number): RateLimitPluginOptions {
  return {
    max: pushesPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => request.caller?.tokenId ?? request.ip,
    allowList: (request: FastifyRequest) => !PUSH_ROUTES.has(request.routeOptions.url ?? ''),
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        'too_many_requests',
        `Too many pushes from this token (at most ${context.max} a minute); try again in ${context.after}`,
      ),
  };
}
