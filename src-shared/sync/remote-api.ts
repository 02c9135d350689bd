import type { OpBody } from '../model/index.js';
import type {
  BranchStateResponse,
  HeadsQuery,
  HeadsResponse,
  ItemHistoryQuery,
  MeResponse,
  OpsDigestQuery,
  OpsDigestResponse,
  PullBranchesResponse,
  PullNamespacesResponse,
  PullOpsQuery,
  PullOpsResponse,
  PullQuery,
  PushBranchesRequest,
  PushBranchesResponse,
  PushOpsResponse,
  UpdateCollaboratorsRequest,
} from '../sync-protocol/index.js';

/**
 * Everything the sync engine asks of the team server. Main's remote client
 * implements it over HTTP (it alone holds the server URL and token); the
 * renderer reaches it through the bridge (`remote.*` methods), and Node
 * integration tests call main's implementation directly. Failures are thrown
 * as BridgeError-shaped errors: `offline` (retry later), `unauthorized` /
 * `forbidden` (stop and tell the user), `bad_request` / `conflict` (this
 * batch is refused, nothing was stored).
 */
export interface RemoteApi {
  me(): Promise<MeResponse>;
  pushOps(ops: readonly OpBody[]): Promise<PushOpsResponse>;
  pullOps(query: PullOpsQuery): Promise<PullOpsResponse>;
  heads(query: HeadsQuery): Promise<HeadsResponse>;
  /** One item's ops on a branch (history evicted locally, fetched back on demand). */
  itemHistory(query: ItemHistoryQuery): Promise<PullOpsResponse>;
  /** Anti-entropy: the digest of a server-order range of a branch, as pull would give it (and its ops when narrow). */
  opsDigest(query: OpsDigestQuery): Promise<OpsDigestResponse>;
  pushBranches(request: PushBranchesRequest): Promise<PushBranchesResponse>;
  pullBranches(query: PullQuery): Promise<PullBranchesResponse>;
  mergeBranch(branchId: string): Promise<BranchStateResponse>;
  abandonBranch(branchId: string): Promise<BranchStateResponse>;
  /** The branch's owner shares it with people or stops sharing it (online only: the server decides). */
  updateCollaborators(branchId: string, request: UpdateCollaboratorsRequest): Promise<BranchStateResponse>;
  pullNamespaces(query: PullQuery): Promise<PullNamespacesResponse>;
}
