import type { Bridge } from '../../src-shared/bridge/contract.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

/**
 * The sync engine's RemoteApi, carried out by main (which holds the server
 * URL and token). Errors arrive as BridgeErrors with the same codes main's
 * remote client throws: `offline` → retry later, `unauthorized` /
 * `forbidden` → stop and tell the user, `bad_request` / `conflict` → the
 * batch was refused and nothing was stored.
 */
export function bridgeRemoteApi(bridge: Bridge): RemoteApi {
  return {
    me: () => bridge.call('remote.me'),
    pushOps: (ops) => bridge.call('remote.pushOps', { ops: [...ops] }),
    pullOps: (query) => bridge.call('remote.pullOps', query),
    heads: (query) => bridge.call('remote.heads', query),
    itemHistory: (query) => bridge.call('remote.itemHistory', query),
    opsDigest: (query) => bridge.call('remote.opsDigest', query),
    pushBranches: (request) => bridge.call('remote.pushBranches', request),
    pullBranches: (query) => bridge.call('remote.pullBranches', query),
    mergeBranch: (branchId) => bridge.call('remote.mergeBranch', { branchId }),
    abandonBranch: (branchId) => bridge.call('remote.abandonBranch', { branchId }),
    updateCollaborators: (branchId, request) =>
      bridge.call('remote.updateCollaborators', { branchId, request }),
    pullNamespaces: (query) => bridge.call('remote.pullNamespaces', query),
  };
}
