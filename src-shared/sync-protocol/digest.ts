import { z } from 'zod';
import { BranchIdSchema } from '../model/index.js';
import { MAX_PULL_LIMIT } from './limits.js';
import { ServerOpSchema } from './ops.js';

const PositionParamSchema = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be 1 or more`);

/** The widest range whose ops one digest answer may carry (a pull page's worth). */
export const MAX_DIGEST_OPS_WIDTH = MAX_PULL_LIMIT;

/**
 * GET /v1/ops/digest: what the server holds of one branch over a range of
 * server order, as pull would give it to the caller (anti-entropy, see
 * src-shared/sync/anti-entropy.ts). Without `to` the range ends at the newest
 * position. `include=ops` also returns the ops themselves, for a range no
 * wider than MAX_DIGEST_OPS_WIDTH: that is how a client repairs a range.
 */
export const OpsDigestQuerySchema = z
  .object({
    branch: BranchIdSchema,
    from: PositionParamSchema('from').default(1),
    to: PositionParamSchema('to').optional(),
    include: z.literal('ops', { error: "include may only be 'ops'" }).optional(),
  })
  .refine((q) => q.to === undefined || q.to >= q.from, { message: 'to must not be below from', path: ['to'] })
  .refine(
    (q) => q.include === undefined || (q.to !== undefined && q.to - q.from + 1 <= MAX_DIGEST_OPS_WIDTH),
    { message: `include=ops needs a range of at most ${MAX_DIGEST_OPS_WIDTH} positions`, path: ['include'] },
  );
export type OpsDigestQuery = z.input<typeof OpsDigestQuerySchema>;

export const OpsDigestResponseSchema = z.object({
  from: z.number().int().positive(),
  /** The range's end: `to` as asked, or the newest position when it was left out. */
  to: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  ops: z.array(ServerOpSchema).optional(),
});
export type OpsDigestResponse = z.infer<typeof OpsDigestResponseSchema>;
