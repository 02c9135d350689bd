import {
  HeadsQuerySchema,
  HeadsResponseSchema,
  ItemHistoryQuerySchema,
  MeResponseSchema,
  OpsDigestQuerySchema,
  OpsDigestResponseSchema,
  PullNamespacesResponseSchema,
  PullOpsQuerySchema,
  PullOpsResponseSchema,
  PullQuerySchema,
  PushOpsRequestSchema,
  PushOpsResponseSchema,
  syncRoutes,
} from '../../src-shared/sync-protocol/index.js';
import type { NamespaceClaim } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { num } from '../db/db.js';
import { pullNamespaces } from '../store/namespaces.js';
import { pushOps } from '../store/ops-push.js';
import { listHeads, pullOps } from '../store/ops-pull.js';
import { pullItemOps } from '../store/ops-item-history.js';
import { opsDigest } from '../store/ops-digest.js';
import { callerOf } from './auth.js';
import type { ZodApp } from './types.js';

export async function databaseNow(db: Db): Promise<number> {
  return num((await db.query<{ now: unknown }>('SELECT tether_now_ms() AS now'))[0]?.now);
}

/** The authenticated /v1 routes (the auth hook is on their scope). */
export function registerSyncRoutes(app: ZodApp, db: Db, claim: NamespaceClaim): void {
  app.get(syncRoutes.me, { schema: { response: { 200: MeResponseSchema } } }, async (request) => {
    const { name, owned } = callerOf(request);
    return {
      user: { name },
      ownedNamespaces: owned,
      serverTime: await databaseNow(db),
      namespaceClaim: claim,
    };
  });

  app.post(
    syncRoutes.pushOps,
    {
      schema: { body: PushOpsRequestSchema, response: { 200: PushOpsResponseSchema } },
      // The acks are built by store/ops-push.ts and typed by the schema; checking
      // a thousand of them again on every push cost a fifth of the route's time.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const { name } = callerOf(request);
      const acks = await pushOps(db, name, request.body.ops, claim);
      const stored = acks.filter((ack) => !ack.alreadyStored).length;
      const ahead = acks.filter((ack) => ack.clockAheadMs !== undefined);
      request.log.info({ user: name, ops: acks.length, stored }, 'ops pushed');
      if (ahead.length > 0) {
        request.log.warn({ user: name, opIds: ahead.map((a) => a.id).slice(0, 20) }, 'op clock far ahead');
      }
      return { acks };
    },
  );

  app.get(
    syncRoutes.pullOps,
    { schema: { querystring: PullOpsQuerySchema, response: { 200: PullOpsResponseSchema } } },
    async (request) => {
      const { branch, since, limit } = request.query;
      return pullOps(db, callerOf(request), branch, since, limit);
    },
  );

  app.get(
    syncRoutes.heads,
    { schema: { querystring: HeadsQuerySchema, response: { 200: HeadsResponseSchema } } },
    async (request) => {
      const { branch, cursor, limit } = request.query;
      const [itemId = '', opId = ''] = cursor?.split(':') ?? [];
      const after = cursor ? { itemId, opId } : null;
      return listHeads(db, callerOf(request), branch, after, limit);
    },
  );

  app.get(
    syncRoutes.itemHistory,
    { schema: { querystring: ItemHistoryQuerySchema, response: { 200: PullOpsResponseSchema } } },
    async (request) => pullItemOps(db, callerOf(request), request.query),
  );

  // Anti-entropy: a digest of what this caller may see of a range of server order.
  app.get(
    syncRoutes.opsDigest,
    { schema: { querystring: OpsDigestQuerySchema, response: { 200: OpsDigestResponseSchema } } },
    async (request) => opsDigest(db, callerOf(request), request.query),
  );

  app.get(
    syncRoutes.pullNamespaces,
    { schema: { querystring: PullQuerySchema, response: { 200: PullNamespacesResponseSchema } } },
    async (request) => pullNamespaces(db, request.query.since, request.query.limit),
  );
}
