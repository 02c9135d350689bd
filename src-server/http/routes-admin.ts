import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  AdminApprovalsQuerySchema,
  AdminApprovalsResponseSchema,
  CreateUserRequestSchema,
  IssuedTokenSchema,
  ListNamespacesResponseSchema,
  ListTokensResponseSchema,
  NamespaceParamsSchema,
  NamespaceResponseSchema,
  OpParamsSchema,
  RevokedResponseSchema,
  SetOpStatusRequestSchema,
  SetOpStatusResponseSchema,
  SetOwnersRequestSchema,
  TokenParamsSchema,
  UserParamsSchema,
  UserResponseSchema,
  adminRoutes,
} from '../../src-shared/sync-protocol/index.js';
import type { AdminApi } from '../admin/admin-api.js';
import { ApiError } from '../errors.js';
import type { ZodApp } from './types.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** onRequest hook for /admin/v1: the admin token, compared in constant time. */
export function adminAuthHook(adminToken: string | undefined) {
  const expected = adminToken ? digest(adminToken) : null;
  return async (request: FastifyRequest): Promise<void> => {
    if (!expected) {
      throw new ApiError('not_found', 'The admin API is off; start the server with TETHER_ADMIN_TOKEN set');
    }
    const given = /^Bearer +(\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      throw new ApiError('unauthorized', 'Missing or invalid admin token');
    }
  };
}

export function registerAdminRoutes(app: ZodApp, admin: AdminApi): void {
  const userRoute = { schema: { params: UserParamsSchema, response: { 200: UserResponseSchema } } };
  app.post(
    adminRoutes.createUser,
    { schema: { body: CreateUserRequestSchema, response: { 200: UserResponseSchema } } },
    async (request) => ({ user: await admin.createUser(request.body.name) }),
  );
  app.post(adminRoutes.suspendUser, userRoute, async (request) => ({
    user: await admin.suspendUser(request.params.name),
  }));
  app.post(adminRoutes.unsuspendUser, userRoute, async (request) => ({
    user: await admin.unsuspendUser(request.params.name),
  }));
  app.post(
    adminRoutes.issueToken,
    { schema: { params: UserParamsSchema, response: { 200: IssuedTokenSchema } } },
    async (request) => admin.issueToken(request.params.name),
  );
  app.get(
    adminRoutes.listTokens,
    { schema: { params: UserParamsSchema, response: { 200: ListTokensResponseSchema } } },
    async (request) => ({ tokens: await admin.listTokens(request.params.name) }),
  );
  app.post(
    adminRoutes.revokeAllTokens,
    { schema: { params: UserParamsSchema, response: { 200: RevokedResponseSchema } } },
    async (request) => ({ revoked: await admin.revokeAllTokens(request.params.name) }),
  );
  app.post(
    adminRoutes.revokeToken,
    { schema: { params: TokenParamsSchema, response: { 200: RevokedResponseSchema } } },
    async (request) => ({ revoked: await admin.revokeToken(request.params.id) }),
  );
  app.put(
    adminRoutes.setOwners,
    {
      schema: {
        params: NamespaceParamsSchema,
        body: SetOwnersRequestSchema,
        response: { 200: NamespaceResponseSchema },
      },
    },
    async (request) => ({ namespace: await admin.setOwners(request.params.path, request.body.owners) }),
  );
  app.get(
    adminRoutes.listNamespaces,
    { schema: { response: { 200: ListNamespacesResponseSchema } } },
    async () => ({ namespaces: await admin.listNamespaces() }),
  );
  app.post(
    adminRoutes.setOpStatus,
    {
      schema: {
        params: OpParamsSchema,
        body: SetOpStatusRequestSchema,
        response: { 200: SetOpStatusResponseSchema },
      },
    },
    async (request) => admin.setOpStatus(request.params.id, request.body.status, request.body.approvalId),
  );
  app.get(
    adminRoutes.listApprovals,
    { schema: { querystring: AdminApprovalsQuerySchema, response: { 200: AdminApprovalsResponseSchema } } },
    async (request) => ({ requests: await admin.listApprovals(request.query.state) }),
  );
}
