import { z } from 'zod';
import { IdSchema, NamespacePathSchema } from '../model/index.js';
import { isReleaseVersion } from '../releases/version.js';
import { UserNameSchema } from './admin.js';
import { ErrorBodySchema } from './errors.js';

/**
 * Releases (issue 16): a semver version of one or more namespaces, its
 * changes, the proofs per change, and once promoted the item heads on main
 * it froze at. Every write carries a `requestId`: the same id with the same
 * body gets the same answer again; with another body, 409.
 */
export const releaseRoutes = {
  releases: '/v1/releases',
  release: '/v1/releases/:id',
  releaseProofs: '/v1/releases/:id/proofs',
  releaseProof: '/v1/releases/:id/proofs/:proofId',
  releasePromote: '/v1/releases/:id/promote',
  releaseYank: '/v1/releases/:id/yank',
} as const;

export const MAX_RELEASE_CHANGES = 500;
export const MAX_RELEASE_NAMESPACES = 20;
export const MAX_RELEASE_COLLABORATORS = 50;

export const ReleaseVersionSchema = z
  .string()
  .max(64)
  .refine(isReleaseVersion, 'A version is semver written like 1.2.3 or 2.0.0-rc.1 (no leading v)');

export const ReleaseRequestIdSchema = IdSchema;

export const ReleaseChangeTypeSchema = z.enum(['approval_request', 'merged_branch', 'item']);
export type ReleaseChangeType = z.infer<typeof ReleaseChangeTypeSchema>;

/** What a release ships: an approval request, a merged branch or an item, named by `ref`. */
export const ReleaseChangeInputSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A change id holds letters, digits, ., _ or -'),
  type: ReleaseChangeTypeSchema,
  ref: z.string().min(1).max(128),
  title: z.string().min(1, 'A change needs a title').max(200),
  assignee: UserNameSchema.nullable(),
});
export type ReleaseChangeInput = z.infer<typeof ReleaseChangeInputSchema>;

export const ProofResultSchema = z.enum(['passed', 'failed']);
export type ProofResult = z.infer<typeof ProofResultSchema>;

const ProofFields = {
  result: ProofResultSchema,
  note: z.string().max(2000),
  link: z.string().url().max(2000).nullable(),
};

/** A proof of a change (rc.N, numbered per change), owned by its author. */
export const ProofSchema = z.object({
  id: IdSchema,
  changeId: z.string(),
  rc: z.number().int().positive(),
  author: z.string(),
  ...ProofFields,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Proof = z.infer<typeof ProofSchema>;

export const ReleaseChangeSchema = ReleaseChangeInputSchema.extend({ proofs: z.array(ProofSchema) });
export type ReleaseChange = z.infer<typeof ReleaseChangeSchema>;

export const ReleaseStatusSchema = z.enum(['draft', 'promoted']);
export type ReleaseStatus = z.infer<typeof ReleaseStatusSchema>;

export const ReleaseSchema = z.object({
  id: IdSchema,
  namespaces: z.array(z.string()),
  version: z.string(),
  status: ReleaseStatusSchema,
  createdBy: z.string(),
  collaborators: z.array(z.string()),
  requiredProofs: z.number().int(),
  changes: z.array(ReleaseChangeSchema),
  /** Bumped by every change to the release: promoting must have seen the latest. */
  revision: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  promotedBy: z.string().nullable(),
  promotedAt: z.number().int().nullable(),
  yanked: z.boolean(),
  yankReason: z.string().nullable(),
  gate: z.object({ ready: z.boolean(), reasons: z.array(z.string()) }),
});
export type Release = z.infer<typeof ReleaseSchema>;

/** An item head on main that a promoted release froze at. */
export const ReleaseHeadSchema = z.object({ itemId: z.string(), opId: z.string() });
export type ReleaseHead = z.infer<typeof ReleaseHeadSchema>;

const Collaborators = z.array(UserNameSchema).max(MAX_RELEASE_COLLABORATORS);
const Changes = z.array(ReleaseChangeInputSchema).max(MAX_RELEASE_CHANGES);
const RequiredProofs = z.number().int().min(0).max(20);

export const CreateReleaseRequestSchema = z.object({
  requestId: ReleaseRequestIdSchema,
  id: IdSchema,
  namespaces: z.array(NamespacePathSchema).min(1).max(MAX_RELEASE_NAMESPACES),
  version: ReleaseVersionSchema,
  collaborators: Collaborators.default([]),
  requiredProofs: RequiredProofs.default(1),
  changes: Changes.default([]),
});
export type CreateReleaseRequest = z.input<typeof CreateReleaseRequestSchema>;

/** Edits a draft; `seenRevision` is the revision the editor last saw ("behind: pull first" otherwise). */
export const UpdateReleaseRequestSchema = z.object({
  requestId: ReleaseRequestIdSchema,
  seenRevision: z.number().int(),
  collaborators: Collaborators.optional(),
  requiredProofs: RequiredProofs.optional(),
  changes: Changes.optional(),
});
export type UpdateReleaseRequest = z.input<typeof UpdateReleaseRequestSchema>;

export const AddProofRequestSchema = z.object({
  requestId: ReleaseRequestIdSchema,
  id: IdSchema,
  changeId: z.string().min(1).max(64),
  ...ProofFields,
});
export type AddProofRequest = z.input<typeof AddProofRequestSchema>;

export const EditProofRequestSchema = z.object({ requestId: ReleaseRequestIdSchema, ...ProofFields });
export type EditProofRequest = z.input<typeof EditProofRequestSchema>;

export const PromoteReleaseRequestSchema = z.object({
  requestId: ReleaseRequestIdSchema,
  seenRevision: z.number().int(),
});
export type PromoteReleaseRequest = z.input<typeof PromoteReleaseRequestSchema>;

export const YankReleaseRequestSchema = z.object({
  requestId: ReleaseRequestIdSchema,
  reason: z.string().trim().min(1, 'Say why the release is yanked').max(2000),
});
export type YankReleaseRequest = z.input<typeof YankReleaseRequestSchema>;

export const ReleaseParamsSchema = z.object({ id: IdSchema });
export const ProofParamsSchema = z.object({ id: IdSchema, proofId: IdSchema });
/** Releases per page of the list (newest first). */
export const MAX_RELEASE_PAGE = 200;
export const DEFAULT_RELEASE_PAGE = 50;

/** Where the next page of the list starts: the last release seen, as "createdAt:id". */
export const ReleaseCursorSchema = z
  .string()
  .max(100)
  .regex(/^\d{1,16}:[A-Za-z0-9_-]{8,64}$/, 'cursor is the nextCursor of the previous page');

export const ListReleasesQuerySchema = z.object({
  namespace: NamespacePathSchema.optional(),
  cursor: ReleaseCursorSchema.optional(),
  limit: z.coerce
    .number({ error: 'limit must be a whole number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_RELEASE_PAGE, `limit must be at most ${MAX_RELEASE_PAGE}`)
    .default(DEFAULT_RELEASE_PAGE),
});
export type ListReleasesQuery = z.input<typeof ListReleasesQuerySchema>;

export const ReleaseResponseSchema = z.object({ release: ReleaseSchema });
export type ReleaseResponse = z.infer<typeof ReleaseResponseSchema>;
export const ReleaseDetailResponseSchema = z.object({
  release: ReleaseSchema,
  /** The item heads it froze at (empty while a draft). */
  heads: z.array(ReleaseHeadSchema),
});
export type ReleaseDetailResponse = z.infer<typeof ReleaseDetailResponseSchema>;
export const ListReleasesResponseSchema = z.object({
  releases: z.array(ReleaseSchema),
  /** Another page waits after this one (null: this was the last). */
  nextCursor: ReleaseCursorSchema.nullable(),
});
export type ListReleasesResponse = z.infer<typeof ListReleasesResponseSchema>;

/**
 * A 409 about a version that is taken: who promoted it and when (null while
 * it is someone's draft) and the version offered instead.
 */
export const VersionTakenBodySchema = ErrorBodySchema.extend({
  taken: z.object({
    version: z.string(),
    status: ReleaseStatusSchema,
    promotedBy: z.string().nullable(),
    promotedAt: z.number().int().nullable(),
    offeredVersion: z.string(),
  }),
});
export type VersionTakenBody = z.infer<typeof VersionTakenBodySchema>;

export const AddProofResponseSchema = z.object({ release: ReleaseSchema, proofId: IdSchema });
export type AddProofResponse = z.infer<typeof AddProofResponseSchema>;
export const DeleteProofQuerySchema = z.object({ requestId: ReleaseRequestIdSchema });
