import { z } from 'zod';
import { isHlc } from '../clock/hlc.js';
import { BranchIdSchema, IdSchema, OpBodySchema, OpSchema, OpStatusSchema } from '../model/index.js';
import { MAX_PUSH_OPS } from './limits.js';
import { CheckpointSchema, LimitParamSchema, SinceParamSchema } from './pull.js';

/**
 * An op as the server holds it: the author's body plus what the server
 * decided. `changeSeq` is the replication position (it moves when the op's
 * status changes, so the change is pulled again); `receivedAt` is server time.
 */
export const ServerOpSchema = OpSchema.extend({
  status: OpStatusSchema,
  approvalId: z.string().max(64).nullable(),
  serverSeq: z.number().int().positive(),
  changeSeq: z.number().int().positive(),
  receivedAt: z.number().int(),
});
export type ServerOp = z.infer<typeof ServerOpSchema>;

/**
 * A clock stamp as src-shared/clock makes them (`001700000000000-000000-node`).
 * Checked where ops enter the server: clients compare stamps as strings and
 * their clocks take in every stamp they see, so a malformed one ("NaN",
 * "zzzz", a newline) would sort wrongly or stop their intake.
 */
export const HlcSchema = z
  .string()
  .refine(isHlc, 'hlc must be a clock stamp: wall-counter-node, like 001700000000000-000000-laptop');

/** An op as a client pushes it: an op body whose stamp is a clock stamp. */
export const PushedOpBodySchema = OpBodySchema.extend({ hlc: HlcSchema });

/** POST /v1/ops/push */
export const PushOpsRequestSchema = z.object({
  ops: z
    .array(PushedOpBodySchema)
    .max(MAX_PUSH_OPS, `A push holds at most ${MAX_PUSH_OPS} ops; split the batch`),
});
export type PushOpsRequest = z.infer<typeof PushOpsRequestSchema>;

/**
 * The server's answer for one op. An op that was already stored with the same
 * body is acknowledged again with its stored values (`alreadyStored`).
 *
 * Clock decision: an op whose HLC wall time is more than CLOCK_AHEAD_WARN_MS
 * ahead of the server is still accepted — its HLC is part of its immutable
 * body, so refusing it would leave it unsendable until the real clock caught
 * up (and sync must not block). The server keeps its own time in `receivedAt`
 * and reports `clockAheadMs` so the client can warn the user.
 */
export const OpAckSchema = z.object({
  id: IdSchema,
  serverSeq: z.number().int().positive(),
  changeSeq: z.number().int().positive(),
  status: OpStatusSchema,
  approvalId: z.string().max(64).nullable(),
  receivedAt: z.number().int(),
  alreadyStored: z.boolean(),
  clockAheadMs: z.number().int().positive().optional(),
});
export type OpAck = z.infer<typeof OpAckSchema>;

export const PushOpsResponseSchema = z.object({ acks: z.array(OpAckSchema) });
export type PushOpsResponse = z.infer<typeof PushOpsResponseSchema>;

/** GET /v1/ops/pull: one branch's op changes after `since`, as the caller may see them. */
export const PullOpsQuerySchema = z.object({
  branch: BranchIdSchema,
  since: SinceParamSchema,
  limit: LimitParamSchema,
});
export type PullOpsQuery = z.input<typeof PullOpsQuerySchema>;

/**
 * `checkpoint` is the last change position the server scanned, including rows
 * the caller may not see, so a page of hidden rows still moves the client on.
 * Pass it as the next `since`; `hasMore` says another page is waiting.
 */
export const PullOpsResponseSchema = z.object({
  ops: z.array(ServerOpSchema),
  checkpoint: CheckpointSchema,
  hasMore: z.boolean(),
});
export type PullOpsResponse = z.infer<typeof PullOpsResponseSchema>;

/** Cursor of the heads listing: `<itemId>:<opId>` of the last op on the previous page. */
export const HeadsCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}:[A-Za-z0-9_-]{8,64}$/, 'cursor must be the nextCursor of a previous page');

/** GET /v1/ops/heads: the current head ops of every item on a branch, item by item. */
export const HeadsQuerySchema = z.object({
  branch: BranchIdSchema,
  cursor: HeadsCursorSchema.optional(),
  limit: LimitParamSchema,
});
export type HeadsQuery = z.input<typeof HeadsQuerySchema>;

/**
 * A fresh client lists heads page by page, keeps the `checkpoint` of the
 * FIRST page, then pulls from it: every change after that position arrives
 * through pull, so nothing between pages is missed.
 */
export const HeadsResponseSchema = z.object({
  ops: z.array(ServerOpSchema),
  checkpoint: CheckpointSchema,
  nextCursor: z.string().nullable(),
});
export type HeadsResponse = z.infer<typeof HeadsResponseSchema>;

/**
 * GET /v1/ops/item-history: one item's ops on a branch, in change order, as
 * the caller may see them (the same rule as pull). A client that removed an
 * item's history to free space fetches it back with this when it is needed.
 * The answer has pull's shape: pass `checkpoint` as the next `since`.
 */
export const ItemHistoryQuerySchema = PullOpsQuerySchema.extend({ item: IdSchema });
export type ItemHistoryQuery = z.input<typeof ItemHistoryQuerySchema>;
