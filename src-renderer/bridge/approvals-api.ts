import type { Bridge } from '../../src-shared/bridge/contract.js';
import type { ApprovalsApi } from '../../src-shared/sync/approvals-api.js';

/** Approval requests and co-owners, carried out by main (which holds the server URL and token). */
export function bridgeApprovalsApi(bridge: Bridge): ApprovalsApi {
  return {
    submitApproval: (request) => bridge.call('remote.submitApproval', request),
    reviseApproval: (id, request) => bridge.call('remote.reviseApproval', { id, request }),
    decideApproval: (id, request) => bridge.call('remote.decideApproval', { id, request }),
    pullApprovals: (query) => bridge.call('remote.pullApprovals', query),
    getApproval: (id) => bridge.call('remote.getApproval', { id }),
    approvalDiff: (id) => bridge.call('remote.approvalDiff', { id }),
    updateOwners: (path, request) => bridge.call('remote.updateOwners', { path, request }),
  };
}
