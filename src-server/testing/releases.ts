import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';
import type { CreateReleaseRequest, Release } from '../../src-shared/sync-protocol/index.js';
import { newId } from './client.js';

/**
 * Used by tests only: a release drafted and promoted through the API in one
 * go (no proofs asked for), as another program of the same person would.
 */
export async function promotedAtOnce(
  api: Pick<ReleasesApi, 'createRelease' | 'promoteRelease'>,
  draft: Pick<CreateReleaseRequest, 'namespaces' | 'version' | 'changes'>,
): Promise<Release> {
  const { release } = await api.createRelease({
    requestId: newId('req'),
    id: newId('rel'),
    requiredProofs: 0,
    ...draft,
  });
  const promoted = await api.promoteRelease(release.id, {
    requestId: newId('req'),
    seenRevision: release.revision,
  });
  return promoted.release;
}
