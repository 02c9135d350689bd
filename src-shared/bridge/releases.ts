import type { z } from 'zod';
import {
  AddProofRequestSchema,
  AddProofResponseSchema,
  CreateReleaseRequestSchema,
  EditProofRequestSchema,
  ListReleasesQuerySchema,
  ListReleasesResponseSchema,
  PromoteReleaseRequestSchema,
  ProofParamsSchema,
  ReleaseDetailResponseSchema,
  ReleaseParamsSchema,
  ReleaseRequestIdSchema,
  ReleaseResponseSchema,
  UpdateReleaseRequestSchema,
  YankReleaseRequestSchema,
} from '../sync-protocol/index.js';

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

/** ReleasesApi (src-shared/sync/releases-api.ts) 1:1 across the bridge, carried out by main's remote client. */
export const releaseBridgeMethods = {
  'releases.list': method(ListReleasesQuerySchema, ListReleasesResponseSchema),
  'releases.get': method(ReleaseParamsSchema, ReleaseDetailResponseSchema),
  'releases.create': method(CreateReleaseRequestSchema, ReleaseResponseSchema),
  'releases.update': method(
    ReleaseParamsSchema.extend({ request: UpdateReleaseRequestSchema }),
    ReleaseResponseSchema,
  ),
  'releases.addProof': method(
    ReleaseParamsSchema.extend({ request: AddProofRequestSchema }),
    AddProofResponseSchema,
  ),
  'releases.editProof': method(
    ProofParamsSchema.extend({ request: EditProofRequestSchema }),
    ReleaseResponseSchema,
  ),
  'releases.deleteProof': method(
    ProofParamsSchema.extend({ requestId: ReleaseRequestIdSchema }),
    ReleaseResponseSchema,
  ),
  'releases.promote': method(
    ReleaseParamsSchema.extend({ request: PromoteReleaseRequestSchema }),
    ReleaseResponseSchema,
  ),
  'releases.yank': method(
    ReleaseParamsSchema.extend({ request: YankReleaseRequestSchema }),
    ReleaseResponseSchema,
  ),
} as const;

export type ReleaseMethod = keyof typeof releaseBridgeMethods;
