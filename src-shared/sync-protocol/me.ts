import { z } from 'zod';

/**
 * How a namespace nobody owns gets its first owner (a server setting):
 * `first-push` — the first push into a top-level namespace in which nobody
 * owns anything makes the pusher its owner; `admin` — only an admin names
 * owners, and everyone's ops there wait for approval until then.
 */
export const NamespaceClaimSchema = z.enum(['first-push', 'admin']);
export type NamespaceClaim = z.infer<typeof NamespaceClaimSchema>;

/** GET /v1/me. `serverTime` lets a client notice that its own clock is off. */
export const MeResponseSchema = z.object({
  user: z.object({ name: z.string() }),
  ownedNamespaces: z.array(z.string()),
  serverTime: z.number().int(),
  /** Absent from servers older than the setting. */
  namespaceClaim: NamespaceClaimSchema.optional(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** GET /health: the process is up (no auth). */
export const HealthResponseSchema = z.object({ status: z.literal('ok') });

/** GET /ready: the store answers (503 with an error body when it does not). */
export const ReadyResponseSchema = z.object({
  status: z.literal('ready'),
  store: z.enum(['postgres', 'pglite']),
});
