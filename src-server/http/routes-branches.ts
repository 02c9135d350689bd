import {
  BranchParamsSchema,
  BranchStateResponseSchema,
  PullBranchesResponseSchema,
  PullQuerySchema,
  PushBranchesRequestSchema,
  PushBranchesResponseSchema,
  UpdateCollaboratorsRequestSchema,
  syncRoutes,
} from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { finishBranch, pullBranches, pushBranches, updateCollaborators } from '../store/branches.js';
import { callerOf } from './auth.js';
import type { ZodApp } from './types.js';

/**
 * Branch records: everyone reads them; their owner (the creator the server
 * recorded) and its collaborators change, merge or abandon them.
 */
export function registerBranchRoutes(app: ZodApp, db: Db): void {
  app.post(
    syncRoutes.pushBranches,
    { schema: { body: PushBranchesRequestSchema, response: { 200: PushBranchesResponseSchema } } },
    async (request) => ({ branches: await pushBranches(db, callerOf(request).name, request.body.branches) }),
  );

  app.get(
    syncRoutes.pullBranches,
    { schema: { querystring: PullQuerySchema, response: { 200: PullBranchesResponseSchema } } },
    async (request) => pullBranches(db, request.query.since, request.query.limit),
  );

  for (const [route, target] of [
    [syncRoutes.mergeBranch, 'merged'],
    [syncRoutes.abandonBranch, 'abandoned'],
  ] as const) {
    app.post(
      route,
      { schema: { params: BranchParamsSchema, response: { 200: BranchStateResponseSchema } } },
      async (request) => ({
        branch: await finishBranch(db, callerOf(request).name, request.params.id, target),
      }),
    );
  }

  app.post(
    syncRoutes.branchCollaborators,
    {
      schema: {
        params: BranchParamsSchema,
        body: UpdateCollaboratorsRequestSchema,
        response: { 200: BranchStateResponseSchema },
      },
    },
    async (request) => {
      const { name } = callerOf(request);
      const branch = await updateCollaborators(db, name, request.params.id, request.body);
      request.log.info(
        { user: name, branchId: branch.id, collaborators: branch.collaborators },
        'collaborators changed',
      );
      return { branch };
    },
  );
}
