import {
  AddProofRequestSchema,
  AddProofResponseSchema,
  CreateReleaseRequestSchema,
  DeleteProofQuerySchema,
  EditProofRequestSchema,
  ListReleasesQuerySchema,
  ListReleasesResponseSchema,
  PromoteReleaseRequestSchema,
  ProofParamsSchema,
  ReleaseDetailResponseSchema,
  ReleaseParamsSchema,
  ReleaseResponseSchema,
  UpdateReleaseRequestSchema,
  YankReleaseRequestSchema,
  releaseRoutes,
} from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { addProof, changeProof, promoteRelease, yankRelease } from '../store/releases-promote.js';
import { getRelease, listReleases } from '../store/releases-read.js';
import { createRelease, updateRelease } from '../store/releases-write.js';
import { callerOf } from './auth.js';
import type { ZodApp } from './types.js';

/** Releases: drafts, proofs, promotion (first promoter wins) and yank (authenticated /v1 scope). */
export function registerReleaseRoutes(app: ZodApp, db: Db): void {
  const params = ReleaseParamsSchema;
  const one = { 200: ReleaseResponseSchema };

  app.get(
    releaseRoutes.releases,
    { schema: { querystring: ListReleasesQuerySchema, response: { 200: ListReleasesResponseSchema } } },
    async (request) => listReleases(db, callerOf(request), request.query),
  );

  app.get(
    releaseRoutes.release,
    { schema: { params, response: { 200: ReleaseDetailResponseSchema } } },
    async (request) => getRelease(db, callerOf(request), request.params.id),
  );

  app.post(
    releaseRoutes.releases,
    { schema: { body: CreateReleaseRequestSchema, response: one } },
    async (request) => ({ release: await createRelease(db, callerOf(request), request.body) }),
  );

  app.put(
    releaseRoutes.release,
    { schema: { params, body: UpdateReleaseRequestSchema, response: one } },
    async (request) => ({
      release: await updateRelease(db, callerOf(request), request.params.id, request.body),
    }),
  );

  app.post(
    releaseRoutes.releaseProofs,
    { schema: { params, body: AddProofRequestSchema, response: { 200: AddProofResponseSchema } } },
    async (request) => addProof(db, callerOf(request), request.params.id, request.body),
  );

  app.put(
    releaseRoutes.releaseProof,
    { schema: { params: ProofParamsSchema, body: EditProofRequestSchema, response: one } },
    async (request) => {
      const { requestId, ...edit } = request.body;
      const { id, proofId } = request.params;
      return { release: await changeProof(db, callerOf(request), id, proofId, requestId, edit) };
    },
  );

  app.delete(
    releaseRoutes.releaseProof,
    { schema: { params: ProofParamsSchema, querystring: DeleteProofQuerySchema, response: one } },
    async (request) => {
      const { id, proofId } = request.params;
      const caller = callerOf(request);
      return { release: await changeProof(db, caller, id, proofId, request.query.requestId, null) };
    },
  );

  app.post(
    releaseRoutes.releasePromote,
    { schema: { params, body: PromoteReleaseRequestSchema, response: one } },
    async (request) => {
      const { name } = callerOf(request);
      const release = await promoteRelease(db, callerOf(request), request.params.id, request.body);
      request.log.info({ user: name, releaseId: release.id, version: release.version }, 'release promoted');
      return { release };
    },
  );

  app.post(
    releaseRoutes.releaseYank,
    { schema: { params, body: YankReleaseRequestSchema, response: one } },
    async (request) => ({
      release: await yankRelease(db, callerOf(request), request.params.id, request.body),
    }),
  );
}
