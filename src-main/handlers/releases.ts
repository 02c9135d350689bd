import type { ReleaseMethod } from '../../src-shared/bridge/releases.js';
import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';

/** Releases and proofs, carried out by main's remote client (invariant 4). */
export function createReleaseHandlers(remote: ReleasesApi): HandlerMap<ReleaseMethod> {
  return {
    'releases.list': (query) => remote.listReleases(query),
    'releases.get': ({ id }) => remote.getRelease(id),
    'releases.create': (request) => remote.createRelease(request),
    'releases.update': ({ id, request }) => remote.updateRelease(id, request),
    'releases.addProof': ({ id, request }) => remote.addProof(id, request),
    'releases.editProof': ({ id, proofId, request }) => remote.editProof(id, proofId, request),
    'releases.deleteProof': ({ id, proofId, requestId }) => remote.deleteProof(id, proofId, requestId),
    'releases.promote': ({ id, request }) => remote.promoteRelease(id, request),
    'releases.yank': ({ id, request }) => remote.yankRelease(id, request),
  };
}
