import { z } from 'zod';
import { BranchIdSchema, IdSchema, ItemKindSchema, NamespacePathSchema } from '../model/index.js';
import { UserNameSchema } from './admin.js';
import { ServerOpSchema } from './ops.js';
import { CheckpointSchema, LimitParamSchema, SinceParamSchema } from './pull.js';

/**
 * Approval requests: an author asks the owners of a namespace to approve
 * their pending ops. `draft` and `pending_submission` live only on the
 * client; the server knows a request from the moment it is submitted.
 *
 * Scope: one request covers ops of ONE branch whose namespaces all lie in the
 * request's `namespace` — the deepest namespace that contains every namespace
 * the ops touch (a rename touches two). Whoever owns that namespace or one
 * above it governs every op in the request, so one owner set decides it.
 */
export const MAX_APPROVAL_OPS = 1000;
export const MAX_APPROVAL_TITLE = 200;
export const MAX_APPROVAL_TEXT = 20_000;

/** Server states. `rejected` holds while any item was rejected; the author may revise it. */
export const ApprovalStateSchema = z.enum(['submitted', 'approved', 'rejected']);
export type ApprovalState = z.infer<typeof ApprovalStateSchema>;

export const ItemDecisionSchema = z.enum(['approved', 'rejected']);
export type ItemDecision = z.infer<typeof ItemDecisionSchema>;

/** One item the request touches, with the decision on it (null until decided). */
export const ApprovalItemSchema = z.object({
  itemId: IdSchema,
  /** The item's path at the request's newest op of it. */
  path: z.string(),
  decision: ItemDecisionSchema.nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().int().nullable(),
});
export type ApprovalItem = z.infer<typeof ApprovalItemSchema>;

export const ApprovalCommentSchema = z.object({
  id: IdSchema,
  author: z.string(),
  text: z.string(),
  at: z.number().int(),
});
export type ApprovalComment = z.infer<typeof ApprovalCommentSchema>;

/**
 * Why an open request no longer matches the namespace it was made against:
 * items whose approved history moved on (approved ops on the branch that
 * are not ancestors of the request's ops — approving then leaves a
 * conflict), and whether the namespace's governing owners changed since
 * submission.
 */
export const ApprovalStaleSchema = z.object({
  items: z.array(z.object({ itemId: IdSchema, path: z.string(), newerOpIds: z.array(IdSchema) })),
  ownershipChanged: z.boolean(),
});
export type ApprovalStale = z.infer<typeof ApprovalStaleSchema>;

export const ApprovalRequestSchema = z.object({
  id: IdSchema,
  author: z.string(),
  title: z.string(),
  description: z.string(),
  namespace: z.string(),
  branchId: BranchIdSchema,
  state: ApprovalStateSchema,
  opIds: z.array(IdSchema),
  items: z.array(ApprovalItemSchema),
  comments: z.array(ApprovalCommentSchema),
  /** 1 at submission; each revision adds one. */
  revision: z.number().int().positive(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  submittedAt: z.number().int(),
  decidedAt: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  changeSeq: z.number().int().positive(),
  /** Only in GET /v1/approvals/:id, and only for a submitted request; null = up to date. */
  stale: ApprovalStaleSchema.nullable().optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

const TitleSchema = z
  .string()
  .trim()
  .min(1, 'A title is needed')
  .max(MAX_APPROVAL_TITLE, `A title is at most ${MAX_APPROVAL_TITLE} characters`);
const DescriptionSchema = z
  .string()
  .max(MAX_APPROVAL_TEXT, `A description is at most ${MAX_APPROVAL_TEXT} characters`);
const OpIdsSchema = z
  .array(IdSchema)
  .min(1, 'A request needs at least one op')
  .max(MAX_APPROVAL_OPS, `A request holds at most ${MAX_APPROVAL_OPS} ops`);

/** POST /v1/approvals: idempotent by `id` (same body → same answer, another body → 409). */
export const SubmitApprovalRequestSchema = z.object({
  id: IdSchema,
  title: TitleSchema,
  description: DescriptionSchema.default(''),
  opIds: OpIdsSchema,
});
export type SubmitApprovalRequest = z.input<typeof SubmitApprovalRequestSchema>;

/** PUT /v1/approvals/:id: the author revises a rejected request; it is submitted again. */
export const ReviseApprovalRequestSchema = SubmitApprovalRequestSchema.omit({ id: true });
export type ReviseApprovalRequest = z.input<typeof ReviseApprovalRequestSchema>;

export const ApprovalParamsSchema = z.object({ id: IdSchema });

/**
 * POST /v1/approvals/:id/decision. Without `itemIds` it decides every item
 * not decided yet. Repeating a decision already taken is answered again (a
 * retry); deciding an item the other way is a 409.
 */
export const ApprovalDecisionRequestSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().min(1).max(MAX_APPROVAL_TEXT).optional(),
  itemIds: z.array(IdSchema).min(1).max(MAX_APPROVAL_OPS).optional(),
});
export type ApprovalDecisionRequest = z.input<typeof ApprovalDecisionRequestSchema>;

/** POST /v1/approvals/:id/comments; a client-made `id` makes a retry safe. */
export const AddApprovalCommentRequestSchema = z.object({
  id: IdSchema.optional(),
  text: z.string().trim().min(1, 'A comment needs text').max(MAX_APPROVAL_TEXT),
});
export type AddApprovalCommentRequest = z.input<typeof AddApprovalCommentRequestSchema>;

export const ApprovalResponseSchema = z.object({ request: ApprovalRequestSchema });
export type ApprovalResponse = z.infer<typeof ApprovalResponseSchema>;

/** GET /v1/approvals/:id: the request (with `stale`) and those of its ops the caller may see. */
export const ApprovalDetailResponseSchema = z.object({
  request: ApprovalRequestSchema,
  ops: z.array(ServerOpSchema),
});
export type ApprovalDetailResponse = z.infer<typeof ApprovalDetailResponseSchema>;

/**
 * GET /v1/approvals?role&state&since&limit. Authors see their own requests,
 * owners the requests in namespaces they own; `role` narrows to one of the
 * two. The checkpoint moves past rows filtered out, so replicate without
 * `state` and use it for listings.
 */
export const PullApprovalsQuerySchema = z.object({
  role: z.enum(['author', 'owner']).optional(),
  state: ApprovalStateSchema.optional(),
  since: SinceParamSchema,
  limit: LimitParamSchema,
});
export type PullApprovalsQuery = z.input<typeof PullApprovalsQuerySchema>;

export const PullApprovalsResponseSchema = z.object({
  requests: z.array(ApprovalRequestSchema),
  checkpoint: CheckpointSchema,
  hasMore: z.boolean(),
});
export type PullApprovalsResponse = z.infer<typeof PullApprovalsResponseSchema>;

export const ItemVersionSchema = z.object({
  opId: IdSchema,
  path: z.string(),
  kind: ItemKindSchema,
  content: z.string(),
  deleted: z.boolean(),
});
export type ItemVersion = z.infer<typeof ItemVersionSchema>;

/**
 * GET /v1/approvals/:id/diff: per item, the request's heads (`requested`)
 * against two baselines. `base` is what the request's ops were written on
 * (their parents outside the request; none = a new item): ops never change,
 * so base → requested is the diff as submitted, whatever happens later.
 * `current` is the approved heads on the branch now (several = already in
 * conflict), so an owner also sees today's state. `included` says today's
 * version already holds the request's changes (someone merged them, or they
 * were approved): then current → requested says nothing new.
 */
export const ApprovalDiffResponseSchema = z.object({
  requestId: IdSchema,
  items: z.array(
    z.object({
      itemId: IdSchema,
      stale: z.boolean(),
      base: z.array(ItemVersionSchema).default([]),
      current: z.array(ItemVersionSchema),
      requested: z.array(ItemVersionSchema),
      included: z.boolean().default(false),
    }),
  ),
});
export type ApprovalDiffResponse = z.infer<typeof ApprovalDiffResponseSchema>;

/**
 * POST /v1/namespaces/:path/owners: an owner of the namespace (or one above
 * it) adds or removes co-owners. Refused when it would leave the namespace
 * with no owner on it or above it.
 */
export const UpdateOwnersRequestSchema = z
  .object({
    add: z.array(UserNameSchema).max(256).default([]),
    remove: z.array(UserNameSchema).max(256).default([]),
  })
  .refine((body) => body.add.length + body.remove.length > 0, 'Name someone to add or remove');
export type UpdateOwnersRequest = z.input<typeof UpdateOwnersRequestSchema>;

export const NamespaceOwnersParamsSchema = z.object({ path: NamespacePathSchema });

/** GET /admin/v1/approvals?state: the newest requests (at most 1000), for the admin CLI. */
export const AdminApprovalsQuerySchema = z.object({ state: ApprovalStateSchema.optional() });
export const AdminApprovalsResponseSchema = z.object({ requests: z.array(ApprovalRequestSchema) });
