import type {
  AddProofRequest,
  AddProofResponse,
  CreateReleaseRequest,
  EditProofRequest,
  ListReleasesQuery,
  ListReleasesResponse,
  Release,
  PromoteReleaseRequest,
  ReleaseDetailResponse,
  ReleaseResponse,
  UpdateReleaseRequest,
  YankReleaseRequest,
} from '../sync-protocol/index.js';

/**
 * What releases ask of the team server; a companion of RemoteApi (same
 * errors, same carriers: main's RemoteClient over HTTP, the bridge's
 * `releases.*` methods in the renderer). A version
 * someone else holds arrives as a conflict whose message names who promoted
 * it and when and the version offered instead.
 */
export interface ReleasesApi {
  listReleases(query: ListReleasesQuery): Promise<ListReleasesResponse>;
  getRelease(id: string): Promise<ReleaseDetailResponse>;
  createRelease(request: CreateReleaseRequest): Promise<ReleaseResponse>;
  updateRelease(id: string, request: UpdateReleaseRequest): Promise<ReleaseResponse>;
  addProof(id: string, request: AddProofRequest): Promise<AddProofResponse>;
  editProof(id: string, proofId: string, request: EditProofRequest): Promise<ReleaseResponse>;
  deleteProof(id: string, proofId: string, requestId: string): Promise<ReleaseResponse>;
  promoteRelease(id: string, request: PromoteReleaseRequest): Promise<ReleaseResponse>;
  yankRelease(id: string, request: YankReleaseRequest): Promise<ReleaseResponse>;
}

/** Every release the server lists for `namespace` (all when undefined), page after page. */
export async function listAllReleases(api: ReleasesApi, namespace?: string): Promise<Release[]> {
  const all: Release[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listReleases({ ...(namespace === undefined ? {} : { namespace }), cursor });
    all.push(...page.releases);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
