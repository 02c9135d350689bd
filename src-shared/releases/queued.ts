import { z } from 'zod';
import { IdSchema } from '../model/op.js';
import {
  AddProofRequestSchema,
  CreateReleaseRequestSchema,
  EditProofRequestSchema,
  type Proof,
  type Release,
} from '../sync-protocol/releases.js';
import {
  addProofTo,
  applyDraftEdit,
  changeProofOf,
  draftFromRequest,
  DraftEditSchema,
  DraftRefused,
} from './draft-rules.js';

/**
 * A release write made without the server (offline), kept as one queue
 * entry of type `release_write` until it goes through. Each carries its own
 * request id, so running it twice after a crash is one write on the server.
 * - create: a new draft with its changes;
 * - edit: one edit of a draft (a change added or removed, its collaborators,
 *   the proofs its gate needs), applied to the server's state when sent;
 * - proof, proofEdit, proofDelete: a proof of a change, and its author's
 *   later edit or removal of it;
 * - promote: promote the draft once the server has it, if the server's state
 *   of it is what this person saw (the change ids), else "behind".
 */
export const ReleaseWriteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), request: CreateReleaseRequestSchema }),
  z.object({ kind: z.literal('edit'), releaseId: IdSchema, requestId: IdSchema, edit: DraftEditSchema }),
  z.object({ kind: z.literal('proof'), releaseId: IdSchema, request: AddProofRequestSchema }),
  z.object({
    kind: z.literal('proofEdit'),
    releaseId: IdSchema,
    proofId: IdSchema,
    request: EditProofRequestSchema,
  }),
  z.object({ kind: z.literal('proofDelete'), releaseId: IdSchema, proofId: IdSchema, requestId: IdSchema }),
  z.object({
    kind: z.literal('promote'),
    releaseId: IdSchema,
    requestId: IdSchema,
    /** The change ids the promoter saw: the server holding others means they are behind. */
    sawChanges: z.array(z.string()),
  }),
]);
export type ReleaseWrite = z.infer<typeof ReleaseWriteSchema>;

export const releaseIdOf = (write: ReleaseWrite) =>
  write.kind === 'create' ? write.request.id : write.releaseId;

/** The request id a write carries (its idempotency key on the server). */
export const requestIdOf = (write: ReleaseWrite) =>
  write.kind === 'create' || write.kind === 'proof' || write.kind === 'proofEdit'
    ? write.request.requestId
    : write.requestId;

/** The queue lane of a release's writes: they run in the order they were made. */
export const releaseLane = (releaseId: string) => `release:${releaseId}`;

/** A release as this person sees it: the server's, with what waits in the outbox on top. */
export type ShownRelease = Release & {
  /** 'local only': the server has not got it yet; 'queued': some write of it waits. */
  queued: 'local only' | 'queued' | null;
  /** A queued promotion waits (offline), or failed with the server's words. */
  queuedPromotion: { error: string | null } | null;
  /** The server's refusal of a write of it made offline (the first one), for the person to act on. */
  sendError: string | null;
};

export interface QueuedWrite {
  write: ReleaseWrite;
  /** The queue entry's error once it failed for good (then it is shown, not applied). */
  error: string | null;
}

/**
 * Folds the outbox's release writes, in queue order, onto the server's
 * releases: a queued draft shows as a local-only draft, a queued proof as a
 * proof (rc not drawn yet: 0), a queued promotion as waiting. Pure: the
 * queue entries and the server list stay the two sources of truth.
 */
export function withQueuedWrites(
  server: readonly Release[],
  queued: readonly QueuedWrite[],
  user: string,
  now: number,
): ShownRelease[] {
  const shown = new Map<string, ShownRelease>(
    server.map((release) => [
      release.id,
      { ...release, queued: null, queuedPromotion: null, sendError: null },
    ]),
  );
  for (const { write, error } of queued) {
    const id = releaseIdOf(write);
    if (write.kind === 'create' && !shown.has(id)) shown.set(id, localDraft(write.request, user, now));
    const known = shown.get(id);
    if (!known) continue;
    if (error && !known.sendError) shown.set(id, { ...known, sendError: error });
    if (write.kind === 'create') continue;
    if (write.kind === 'promote') {
      shown.set(id, { ...(shown.get(id) ?? known), queuedPromotion: { error } });
      continue;
    }
    if (error) continue;
    // The server's revision stays: it is what this person last saw of it.
    const applied = applyWrite(known, write, user, now);
    shown.set(id, { ...applied, revision: known.revision, queued: known.queued ?? 'queued' });
  }
  return [...shown.values()];
}

/**
 * A queued write laid on a release as the person will see it once sent. A
 * write the local rules refuse is left off (the server will say why).
 */
function applyWrite(release: ShownRelease, write: ReleaseWrite, user: string, now: number): ShownRelease {
  try {
    if (write.kind === 'edit') return { ...release, ...applyDraftEdit(release, write.edit, user) };
    if (write.kind === 'proof')
      return { ...release, ...addProofTo(release, { ...proofOf(write.request, user, now), rc: 0 }) };
    if (write.kind === 'proofEdit' || write.kind === 'proofDelete') {
      const fields =
        write.kind === 'proofEdit'
          ? { result: write.request.result, note: write.request.note, link: write.request.link }
          : null;
      return { ...release, ...changeProofOf(release, write.proofId, fields, user, now) };
    }
  } catch (error) {
    if (!(error instanceof DraftRefused)) throw error;
  }
  return release;
}

function localDraft(
  request: z.output<typeof CreateReleaseRequestSchema>,
  user: string,
  now: number,
): ShownRelease {
  return {
    ...draftFromRequest(request, user, now, 0),
    queued: 'local only',
    queuedPromotion: null,
    sendError: null,
  };
}

function proofOf(request: z.output<typeof AddProofRequestSchema>, user: string, now: number): Proof {
  return {
    id: request.id,
    changeId: request.changeId,
    rc: 0,
    author: user,
    result: request.result,
    note: request.note,
    link: request.link,
    createdAt: now,
    updatedAt: now,
  };
}
