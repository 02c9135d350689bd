import { z } from 'zod';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from './limits.js';

/** A replication position: the server's change_seq. 0 = from the start. */
export const CheckpointSchema = z.number().int().nonnegative();

/** Query strings arrive as text, so numbers are coerced (and then checked). */
export const SinceParamSchema = z.coerce
  .number({ error: 'since must be a whole number' })
  .int('since must be a whole number')
  .nonnegative('since must be 0 or more')
  .default(0);

export const LimitParamSchema = z.coerce
  .number({ error: 'limit must be a whole number' })
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(MAX_PULL_LIMIT, `limit must be at most ${MAX_PULL_LIMIT}`)
  .default(DEFAULT_PULL_LIMIT);

export const PullQuerySchema = z.object({ since: SinceParamSchema, limit: LimitParamSchema });
export type PullQuery = z.input<typeof PullQuerySchema>;
