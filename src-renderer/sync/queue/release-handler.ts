import {
  draftUpdate,
  DraftRefused,
  ReleaseWriteSchema,
  type ReleaseWrite,
} from '../../../src-shared/releases/index.js';
import type { ReleasesApi } from '../../../src-shared/sync/releases-api.js';
import type { QueueContext } from './types.js';
import { QueueEntryRefused } from './types.js';
import type { QueueEntry } from '../../../src-shared/model/index.js';

/**
 * The queue handler for `release_write`: a draft, proof or promotion made
 * offline, sent once the server answers. Each write carries its request id,
 * so a retry after a crash is the same write. A refusal (the version was
 * promoted by someone else meanwhile, the release changed under a queued
 * promotion) fails the entry with the server's words: who promoted it and
 * when, and the version that is free. The draft and proofs stay (nothing lost).
 */
export async function releaseWriteHandler(ctx: QueueContext, entry: QueueEntry): Promise<void> {
  const parsed = ReleaseWriteSchema.safeParse(entry.payload);
  if (!parsed.success) throw new QueueEntryRefused('This queue entry does not describe a release write');
  const api = ctx.releases;
  if (!api) throw new QueueEntryRefused('Releases need a team server');
  try {
    await send(api, parsed.data);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (REFUSALS.has(String(code)) || error instanceof DraftRefused)
      throw new QueueEntryRefused(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** The server's answers that trying again will not change (the person acts on them). */
const REFUSALS = new Set(['conflict', 'bad_request', 'forbidden', 'not_found']);

async function send(api: ReleasesApi, write: ReleaseWrite): Promise<void> {
  if (write.kind === 'create') await api.createRelease(write.request);
  else if (write.kind === 'proof') await api.addProof(write.releaseId, write.request);
  else if (write.kind === 'edit') await editQueued(api, write);
  else if (write.kind === 'proofEdit') await api.editProof(write.releaseId, write.proofId, write.request);
  else if (write.kind === 'proofDelete')
    await api.deleteProof(write.releaseId, write.proofId, write.requestId);
  else await promoteQueued(api, write);
}

/**
 * An edit made offline goes onto the server's draft as it is now (someone
 * else's edits meanwhile stay). When the draft already has it (this entry
 * went through before a crash, or someone made the same edit) nothing is sent.
 */
async function editQueued(api: ReleasesApi, write: Extract<ReleaseWrite, { kind: 'edit' }>) {
  const { release } = await api.getRelease(write.releaseId);
  const update = release.status === 'draft' ? draftUpdate(release, write.edit) : {};
  if (!update) return;
  // A promoted release: the server refuses the edit in its own words.
  await api.updateRelease(write.releaseId, {
    requestId: write.requestId,
    seenRevision: release.revision,
    ...update,
  });
}

/**
 * A promotion made offline promotes what the server holds now only if that
 * is what the person saw: the same changes. A change someone else added
 * meanwhile means they are behind; a new proof is not a reason to hold back.
 */
async function promoteQueued(api: ReleasesApi, write: Extract<ReleaseWrite, { kind: 'promote' }>) {
  const { release } = await api.getRelease(write.releaseId);
  const unseen = release.changes.filter((change) => !write.sawChanges.includes(change.id));
  if (release.status === 'draft' && unseen.length > 0)
    throw new QueueEntryRefused(
      `Behind: pull first (${release.version} has changes you had not seen: ${unseen.map((c) => c.id).join(', ')})`,
    );
  await api.promoteRelease(write.releaseId, { requestId: write.requestId, seenRevision: release.revision });
}
