import { z } from 'zod';
import { IdSchema, NamespacePathSchema, OpStatusSchema } from '../model/index.js';
import { ServerNamespaceSchema } from './namespaces.js';

/**
 * The admin API (`/admin/v1/...`, guarded by the server's TETHER_ADMIN_TOKEN).
 * The admin CLI speaks it with `--server URL`; without it the CLI opens the
 * store directly.
 */

export const UserNameSchema = z
  .string()
  .min(1, 'A user name is needed')
  .max(128, 'A user name is at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'A user name holds letters, digits, ., _, @ or -');

export const TokenIdSchema = z
  .string()
  .regex(/^tok_[A-Za-z0-9]{12}$/, 'A token id looks like tok_xxxxxxxxxxxx');

export const AdminUserSchema = z.object({
  name: z.string(),
  suspended: z.boolean(),
  createdAt: z.number().int(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const UserParamsSchema = z.object({ name: UserNameSchema });
export const CreateUserRequestSchema = z.object({ name: UserNameSchema });
export const UserResponseSchema = z.object({ user: AdminUserSchema });

/** The token itself appears only here, once; the server keeps its SHA-256 hash. */
export const IssuedTokenSchema = z.object({
  tokenId: TokenIdSchema,
  token: z.string(),
  user: z.string(),
});
export type IssuedToken = z.infer<typeof IssuedTokenSchema>;

export const TokenInfoSchema = z.object({
  id: TokenIdSchema,
  user: z.string(),
  createdAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;

export const ListTokensResponseSchema = z.object({ tokens: z.array(TokenInfoSchema) });
export const TokenParamsSchema = z.object({ id: TokenIdSchema });
export const RevokedResponseSchema = z.object({ revoked: z.number().int().nonnegative() });

export const NamespaceParamsSchema = z.object({ path: NamespacePathSchema });
export const SetOwnersRequestSchema = z.object({ owners: z.array(UserNameSchema).max(256) });
export const NamespaceResponseSchema = z.object({ namespace: ServerNamespaceSchema });
export const ListNamespacesResponseSchema = z.object({ namespaces: z.array(ServerNamespaceSchema) });

/** Sets an op's status (the approval flow builds on this); moves its change position. */
export const OpParamsSchema = z.object({ id: IdSchema });
export const SetOpStatusRequestSchema = z.object({
  status: OpStatusSchema,
  approvalId: z.string().max(64).nullable().optional(),
});
export const SetOpStatusResponseSchema = z.object({
  id: IdSchema,
  status: OpStatusSchema,
  changeSeq: z.number().int().positive(),
});
export type SetOpStatusResponse = z.infer<typeof SetOpStatusResponseSchema>;
