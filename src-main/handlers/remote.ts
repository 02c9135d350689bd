import type { HandlerMap, MethodName } from '../../src-shared/bridge/contract.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';
import type { ApprovalMethod } from './approvals.js';

/** Approval methods have their own handler map (./approvals.ts). */
type RemoteMethod = Exclude<Extract<MethodName, `remote.${string}`>, ApprovalMethod>;

/** The renderer's sync engine reaches the server only through these (invariant 4). */
export function createRemoteHandlers(remote: RemoteApi): HandlerMap<RemoteMethod> {
  return {
    'remote.me': () => remote.me(),
    'remote.pushOps': ({ ops }) => remote.pushOps(ops),
    'remote.pullOps': (query) => remote.pullOps(query),
    'remote.heads': (query) => remote.heads(query),
    'remote.itemHistory': (query) => remote.itemHistory(query),
    'remote.opsDigest': (query) => remote.opsDigest(query),
    'remote.pushBranches': (request) => remote.pushBranches(request),
    'remote.pullBranches': (query) => remote.pullBranches(query),
    'remote.mergeBranch': ({ branchId }) => remote.mergeBranch(branchId),
    'remote.abandonBranch': ({ branchId }) => remote.abandonBranch(branchId),
    'remote.updateCollaborators': ({ branchId, request }) => remote.updateCollaborators(branchId, request),
    'remote.pullNamespaces': (query) => remote.pullNamespaces(query),
  };
}
