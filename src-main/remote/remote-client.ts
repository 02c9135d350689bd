import type { z } from 'zod';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { OpBody } from '../../src-shared/model/index.js';
import {
  ApprovalDetailResponseSchema,
  ApprovalDiffResponseSchema,
  ApprovalResponseSchema,
  NamespaceResponseSchema,
  PullApprovalsResponseSchema,
  BranchStateResponseSchema,
  HeadsResponseSchema,
  MeResponseSchema,
  PullBranchesResponseSchema,
  PullNamespacesResponseSchema,
  PullOpsResponseSchema,
  PushBranchesResponseSchema,
  PushOpsResponseSchema,
  AddProofResponseSchema,
  ListReleasesResponseSchema,
  ReleaseDetailResponseSchema,
  ReleaseResponseSchema,
  releaseRoutes,
  routePath,
  syncRoutes,
  type HeadsQuery,
  type ItemHistoryQuery,
  type OpsDigestQuery,
  OpsDigestResponseSchema,
  type PullOpsQuery,
  type PullQuery,
  type PushBranchesRequest,
  type ApprovalDecisionRequest,
  type PullApprovalsQuery,
  type ReviseApprovalRequest,
  type SubmitApprovalRequest,
  type UpdateCollaboratorsRequest,
  type UpdateOwnersRequest,
  type AddProofRequest,
  type CreateReleaseRequest,
  type ListReleasesQuery,
  type EditProofRequest,
  type PromoteReleaseRequest,
  type UpdateReleaseRequest,
  type YankReleaseRequest,
} from '../../src-shared/sync-protocol/index.js';
import type { ApprovalsApi } from '../../src-shared/sync/approvals-api.js';
import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';
import { requestJson } from './http.js';

/** Where to sync and as whom; held by main only (invariant 4). */
export interface Endpoint {
  serverUrl: string;
  token: string;
}

export interface RemoteClientOptions {
  /** Read on every request, so signing in or out takes effect at once. */
  endpoint: () => Endpoint | null;
  timeoutMs?: number;
  /** Hears every failed request, so a revoked token shows up even while the stream stays open. */
  onFailure?: (error: BridgeError) => void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type Query = Record<string, string | number | undefined>;
const asQuery = (q: object): Query => q as Query;

/**
 * Main's client of the sync server: all server I/O goes through here. Every
 * answer is validated against the sync-protocol schemas, and failures arrive
 * as BridgeErrors (see errors.ts) so the renderer can branch on the code.
 */
export class RemoteClient implements RemoteApi, ApprovalsApi, ReleasesApi {
  /** Travel mode (a later issue): while paused no request leaves the machine. */
  paused = false;
  private readonly timeoutMs: number;

  constructor(private readonly options: RemoteClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private send<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    extra: { query?: Query; body?: unknown } = {},
  ): Promise<z.output<S>> {
    if (this.paused)
      return Promise.reject(
        new BridgeError({ code: 'offline', message: 'Sync is paused (travel mode)', retryable: true }),
      );
    const endpoint = this.options.endpoint();
    if (!endpoint)
      return Promise.reject(
        new BridgeError({ code: 'unauthorized', message: 'Not connected to a server', retryable: false }),
      );
    const request = requestJson({
      baseUrl: endpoint.serverUrl,
      token: endpoint.token,
      method,
      path,
      schema,
      timeoutMs: this.timeoutMs,
      ...extra,
    });
    return request.catch((err: unknown) => {
      if (err instanceof BridgeError) this.options.onFailure?.(err);
      throw err;
    });
  }

  me() {
    return this.send('GET', syncRoutes.me, MeResponseSchema);
  }
  pushOps(ops: readonly OpBody[]) {
    return this.send('POST', syncRoutes.pushOps, PushOpsResponseSchema, { body: { ops } });
  }
  pullOps(query: PullOpsQuery) {
    return this.send('GET', syncRoutes.pullOps, PullOpsResponseSchema, { query: asQuery(query) });
  }
  heads(query: HeadsQuery) {
    return this.send('GET', syncRoutes.heads, HeadsResponseSchema, { query: asQuery(query) });
  }
  itemHistory(query: ItemHistoryQuery) {
    return this.send('GET', syncRoutes.itemHistory, PullOpsResponseSchema, { query: asQuery(query) });
  }
  opsDigest(query: OpsDigestQuery) {
    return this.send('GET', syncRoutes.opsDigest, OpsDigestResponseSchema, { query: asQuery(query) });
  }
  pushBranches(request: PushBranchesRequest) {
    return this.send('POST', syncRoutes.pushBranches, PushBranchesResponseSchema, { body: request });
  }
  pullBranches(query: PullQuery) {
    return this.send('GET', syncRoutes.pullBranches, PullBranchesResponseSchema, { query: asQuery(query) });
  }
  mergeBranch(branchId: string) {
    const path = routePath(syncRoutes.mergeBranch, { id: branchId });
    return this.send('POST', path, BranchStateResponseSchema, { body: {} });
  }
  abandonBranch(branchId: string) {
    const path = routePath(syncRoutes.abandonBranch, { id: branchId });
    return this.send('POST', path, BranchStateResponseSchema, { body: {} });
  }
  updateCollaborators(branchId: string, request: UpdateCollaboratorsRequest) {
    const path = routePath(syncRoutes.branchCollaborators, { id: branchId });
    return this.send('POST', path, BranchStateResponseSchema, { body: request });
  }
  pullNamespaces(query: PullQuery) {
    return this.send('GET', syncRoutes.pullNamespaces, PullNamespacesResponseSchema, {
      query: asQuery(query),
    });
  }

  // ---- approval requests and co-owners (ApprovalsApi) ----
  submitApproval(request: SubmitApprovalRequest) {
    return this.send('POST', syncRoutes.approvals, ApprovalResponseSchema, { body: request });
  }
  reviseApproval(id: string, request: ReviseApprovalRequest) {
    const path = routePath(syncRoutes.approval, { id });
    return this.send('PUT', path, ApprovalResponseSchema, { body: request });
  }
  decideApproval(id: string, request: ApprovalDecisionRequest) {
    const path = routePath(syncRoutes.approvalDecision, { id });
    return this.send('POST', path, ApprovalResponseSchema, { body: request });
  }
  pullApprovals(query: PullApprovalsQuery) {
    return this.send('GET', syncRoutes.approvals, PullApprovalsResponseSchema, { query: asQuery(query) });
  }
  getApproval(id: string) {
    return this.send('GET', routePath(syncRoutes.approval, { id }), ApprovalDetailResponseSchema);
  }
  approvalDiff(id: string) {
    return this.send('GET', routePath(syncRoutes.approvalDiff, { id }), ApprovalDiffResponseSchema);
  }
  updateOwners(path: string, request: UpdateOwnersRequest) {
    const route = routePath(syncRoutes.namespaceOwners, { path });
    return this.send('POST', route, NamespaceResponseSchema, { body: request });
  }

  // ---- releases and proofs (ReleasesApi) ----
  listReleases(query: ListReleasesQuery) {
    return this.send('GET', releaseRoutes.releases, ListReleasesResponseSchema, { query: asQuery(query) });
  }
  getRelease(id: string) {
    return this.send('GET', routePath(releaseRoutes.release, { id }), ReleaseDetailResponseSchema);
  }
  createRelease(request: CreateReleaseRequest) {
    return this.send('POST', releaseRoutes.releases, ReleaseResponseSchema, { body: request });
  }
  updateRelease(id: string, request: UpdateReleaseRequest) {
    return this.send('PUT', routePath(releaseRoutes.release, { id }), ReleaseResponseSchema, {
      body: request,
    });
  }
  addProof(id: string, request: AddProofRequest) {
    const path = routePath(releaseRoutes.releaseProofs, { id });
    return this.send('POST', path, AddProofResponseSchema, { body: request });
  }
  editProof(id: string, proofId: string, request: EditProofRequest) {
    const path = routePath(releaseRoutes.releaseProof, { id, proofId });
    return this.send('PUT', path, ReleaseResponseSchema, { body: request });
  }
  deleteProof(id: string, proofId: string, requestId: string) {
    const path = routePath(releaseRoutes.releaseProof, { id, proofId });
    return this.send('DELETE', path, ReleaseResponseSchema, { query: { requestId } });
  }
  promoteRelease(id: string, request: PromoteReleaseRequest) {
    const path = routePath(releaseRoutes.releasePromote, { id });
    return this.send('POST', path, ReleaseResponseSchema, { body: request });
  }
  yankRelease(id: string, request: YankReleaseRequest) {
    const path = routePath(releaseRoutes.releaseYank, { id });
    return this.send('POST', path, ReleaseResponseSchema, { body: request });
  }
}
