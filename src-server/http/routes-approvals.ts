import {
  AddApprovalCommentRequestSchema,
  ApprovalDecisionRequestSchema,
  ApprovalDetailResponseSchema,
  ApprovalDiffResponseSchema,
  ApprovalParamsSchema,
  ApprovalResponseSchema,
  NamespaceOwnersParamsSchema,
  NamespaceResponseSchema,
  PullApprovalsQuerySchema,
  PullApprovalsResponseSchema,
  ReviseApprovalRequestSchema,
  SubmitApprovalRequestSchema,
  UpdateOwnersRequestSchema,
  syncRoutes,
} from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { commentOnApproval, decideApproval } from '../store/approvals-decide.js';
import { approvalDiff } from '../store/approvals-diff.js';
import { getApproval, pullApprovals } from '../store/approvals-read.js';
import { reviseApproval, submitApproval } from '../store/approvals-submit.js';
import { updateOwners } from '../store/namespace-owners.js';
import { callerOf } from './auth.js';
import type { ZodApp } from './types.js';

/** Approval requests and co-ownership (authenticated /v1 scope). */
export function registerApprovalRoutes(app: ZodApp, db: Db): void {
  const params = ApprovalParamsSchema;
  const one = { 200: ApprovalResponseSchema };

  app.post(
    syncRoutes.approvals,
    { schema: { body: SubmitApprovalRequestSchema, response: one } },
    async (request) => {
      const { id, ...body } = request.body;
      const submitted = await submitApproval(db, callerOf(request).name, id, body);
      request.log.info(
        { user: submitted.author, approvalId: id, ops: body.opIds.length },
        'approval submitted',
      );
      return { request: submitted };
    },
  );

  app.put(
    syncRoutes.approval,
    { schema: { params, body: ReviseApprovalRequestSchema, response: one } },
    async (request) => ({
      request: await reviseApproval(db, callerOf(request).name, request.params.id, request.body),
    }),
  );

  app.post(
    syncRoutes.approvalDecision,
    { schema: { params, body: ApprovalDecisionRequestSchema, response: one } },
    async (request) => {
      const { name } = callerOf(request);
      const decided = await decideApproval(db, name, request.params.id, request.body);
      request.log.info(
        { user: name, approvalId: decided.id, decision: request.body.decision, state: decided.state },
        'approval decided',
      );
      return { request: decided };
    },
  );

  app.post(
    syncRoutes.approvalComments,
    { schema: { params, body: AddApprovalCommentRequestSchema, response: one } },
    async (request) => ({
      request: await commentOnApproval(db, callerOf(request).name, request.params.id, request.body),
    }),
  );

  app.get(
    syncRoutes.approvals,
    { schema: { querystring: PullApprovalsQuerySchema, response: { 200: PullApprovalsResponseSchema } } },
    async (request) => {
      const { role, state, since, limit } = request.query;
      return pullApprovals(db, callerOf(request), { role, state }, since, limit);
    },
  );

  app.get(
    syncRoutes.approval,
    { schema: { params, response: { 200: ApprovalDetailResponseSchema } } },
    async (request) => getApproval(db, callerOf(request), request.params.id),
  );

  app.get(
    syncRoutes.approvalDiff,
    { schema: { params, response: { 200: ApprovalDiffResponseSchema } } },
    async (request) => approvalDiff(db, callerOf(request), request.params.id),
  );

  app.post(
    syncRoutes.namespaceOwners,
    {
      schema: {
        params: NamespaceOwnersParamsSchema,
        body: UpdateOwnersRequestSchema,
        response: { 200: NamespaceResponseSchema },
      },
    },
    async (request) => {
      const { name } = callerOf(request);
      const namespace = await updateOwners(db, name, request.params.path, request.body);
      request.log.info({ user: name, namespace: namespace.path, owners: namespace.owners }, 'owners changed');
      return { namespace };
    },
  );
}
