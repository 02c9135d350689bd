import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { ApprovalsApi } from '../../src-shared/sync/approvals-api.js';

export type ApprovalMethod =
  | 'remote.submitApproval'
  | 'remote.reviseApproval'
  | 'remote.decideApproval'
  | 'remote.pullApprovals'
  | 'remote.getApproval'
  | 'remote.approvalDiff'
  | 'remote.updateOwners';

/** Approval requests and co-owners, carried out by main's remote client (invariant 4). */
export function createApprovalHandlers(remote: ApprovalsApi): HandlerMap<ApprovalMethod> {
  return {
    'remote.submitApproval': (request) => remote.submitApproval(request),
    'remote.reviseApproval': ({ id, request }) => remote.reviseApproval(id, request),
    'remote.decideApproval': ({ id, request }) => remote.decideApproval(id, request),
    'remote.pullApprovals': (query) => remote.pullApprovals(query),
    'remote.getApproval': ({ id }) => remote.getApproval(id),
    'remote.approvalDiff': ({ id }) => remote.approvalDiff(id),
    'remote.updateOwners': ({ path, request }) => remote.updateOwners(path, request),
  };
}
