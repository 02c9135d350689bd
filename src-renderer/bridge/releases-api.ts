import type { Bridge } from '../../src-shared/bridge/contract.js';
import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';

/** Releases and proofs, carried out by main (which holds the server URL and token). */
export function bridgeReleasesApi(bridge: Bridge): ReleasesApi {
  return {
    listReleases: (query) => bridge.call('releases.list', query),
    getRelease: (id) => bridge.call('releases.get', { id }),
    createRelease: (request) => bridge.call('releases.create', request),
    updateRelease: (id, request) => bridge.call('releases.update', { id, request }),
    addProof: (id, request) => bridge.call('releases.addProof', { id, request }),
    editProof: (id, proofId, request) => bridge.call('releases.editProof', { id, proofId, request }),
    deleteProof: (id, proofId, requestId) => bridge.call('releases.deleteProof', { id, proofId, requestId }),
    promoteRelease: (id, request) => bridge.call('releases.promote', { id, request }),
    yankRelease: (id, request) => bridge.call('releases.yank', { id, request }),
  };
}
