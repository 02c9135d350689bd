import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  HealthResponseSchema,
  MAX_PUSH_BYTES,
  ReadyResponseSchema,
  syncRoutes,
} from '../../src-shared/sync-protocol/index.js';
import { storeAdmin } from '../admin/admin-api.js';
import { ApiError } from '../errors.js';
import { authHook } from './auth.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { adminAuthHook, registerAdminRoutes } from './routes-admin.js';
import { pushRateLimit, requestTimeouts } from './request-limits.js';
import { registerApprovalRoutes } from './routes-approvals.js';
import { registerBranchRoutes } from './routes-branches.js';
import { registerReleaseRoutes } from './routes-releases.js';
import { registerStreamRoute } from './routes-stream.js';
import { registerSyncRoutes } from './routes-sync.js';
import type { AppDeps, ZodApp } from './types.js';

export interface LogOptions {
  level: string;
  /** Where JSON log lines go (stdout when unset). */
  stream?: { write(line: string): void };
}

/** The Fastify app: JSON logs with request ids (never a token), zod on every route. */
export function buildApp(deps: AppDeps, log: LogOptions): ZodApp {
  const app = Fastify({
    logger: {
      level: log.level,
      // Headers are not logged by default; this keeps tokens out even if that changes.
      redact: ['req.headers.authorization', 'headers.authorization'],
      ...(log.stream ? { stream: log.stream } : {}),
    },
    genReqId: () => randomUUID(),
    bodyLimit: MAX_PUSH_BYTES,
    ...requestTimeouts(deps.limits.requestTimeoutMs),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.decorateRequest('caller', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerHealthRoutes(app, deps);
  app.register(async (scope) => {
    const v1 = scope.withTypeProvider<ZodTypeProvider>();
    v1.addHook('onRequest', authHook(deps.db));
    await v1.register(rateLimit, pushRateLimit(deps.limits.pushesPerMinute));
    registerSyncRoutes(v1, deps.db, deps.namespaceClaim ?? 'first-push');
    registerBranchRoutes(v1, deps.db);
    registerApprovalRoutes(v1, deps.db);
    registerReleaseRoutes(v1, deps.db);
    registerStreamRoute(v1, deps);
  });
  app.register(async (scope) => {
    const admin = scope.withTypeProvider<ZodTypeProvider>();
    admin.addHook('onRequest', adminAuthHook(deps.adminToken));
    registerAdminRoutes(admin, storeAdmin(deps.db));
  });
  return app;
}

function registerHealthRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(syncRoutes.health, { schema: { response: { 200: HealthResponseSchema } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    syncRoutes.ready,
    { schema: { response: { 200: ReadyResponseSchema, 503: ErrorBodySchema } } },
    async (request, reply) => {
      try {
        await db.query('SELECT 1');
        return { status: 'ready' as const, store: db.kind };
      } catch (err) {
        request.log.error({ err }, 'store not reachable');
        return reply.status(503).send(new ApiError('unavailable', 'The store is not reachable').toBody());
      }
    },
  );
}
