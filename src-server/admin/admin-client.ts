import type { z } from 'zod';
import {
  AdminApprovalsResponseSchema,
  ErrorBodySchema,
  IssuedTokenSchema,
  ListNamespacesResponseSchema,
  ListTokensResponseSchema,
  NamespaceResponseSchema,
  RevokedResponseSchema,
  SetOpStatusResponseSchema,
  UserResponseSchema,
  adminRoutes,
  routePath,
} from '../../src-shared/sync-protocol/index.js';
import { ApiError } from '../errors.js';
import type { AdminApi } from './admin-api.js';

/** The admin API of a running server, for `npm run admin -- --server URL …`. */
export function httpAdmin(baseUrl: string, adminToken: string): AdminApi {
  const call = async <S extends z.ZodType>(
    method: string,
    route: string,
    params: Record<string, string>,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> => {
    const response = await fetch(new URL(routePath(route, params), baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = ErrorBodySchema.safeParse(json);
      if (parsed.success) throw new ApiError(parsed.data.error.code, parsed.data.error.message);
      throw new ApiError('internal', `The server answered ${response.status} without an error body`);
    }
    return schema.parse(json);
  };
  const user = async (route: string, name: string) =>
    (await call('POST', route, { name }, UserResponseSchema, {})).user;
  return {
    createUser: async (name) =>
      (await call('POST', adminRoutes.createUser, {}, UserResponseSchema, { name })).user,
    suspendUser: (name) => user(adminRoutes.suspendUser, name),
    unsuspendUser: (name) => user(adminRoutes.unsuspendUser, name),
    issueToken: (name) => call('POST', adminRoutes.issueToken, { name }, IssuedTokenSchema, {}),
    listTokens: async (name) =>
      (await call('GET', adminRoutes.listTokens, { name }, ListTokensResponseSchema)).tokens,
    revokeToken: async (id) =>
      (await call('POST', adminRoutes.revokeToken, { id }, RevokedResponseSchema, {})).revoked,
    revokeAllTokens: async (name) =>
      (await call('POST', adminRoutes.revokeAllTokens, { name }, RevokedResponseSchema, {})).revoked,
    setOwners: async (path, owners) =>
      (await call('PUT', adminRoutes.setOwners, { path }, NamespaceResponseSchema, { owners })).namespace,
    listNamespaces: async () =>
      (await call('GET', adminRoutes.listNamespaces, {}, ListNamespacesResponseSchema)).namespaces,
    setOpStatus: (id, status, approvalId) =>
      call('POST', adminRoutes.setOpStatus, { id }, SetOpStatusResponseSchema, { status, approvalId }),
    listApprovals: async (state) =>
      (
        await call(
          'GET',
          `${adminRoutes.listApprovals}${state ? `?state=${state}` : ''}`,
          {},
          AdminApprovalsResponseSchema,
        )
      ).requests,
  };
}
