import { z } from 'zod';

/** GET /v1/me. `serverTime` lets a client notice that its own clock is off. */
export const MeResponseSchema = z.object({
  user: z.object({ name: z.string() }),
  ownedNamespaces: z.array(z.string()),
  serverTime: z.number().int(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** GET /health: the process is up (no auth). */
export const HealthResponseSchema = z.object({ status: z.literal('ok') });

/** GET /ready: the store answers (503 with an error body when it does not). */
export const ReadyResponseSchema = z.object({
  status: z.literal('ready'),
  store: z.enum(['postgres', 'pglite']),
});
