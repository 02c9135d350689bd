import { z } from 'zod';
import { IdSchema } from '../model/op.js';
import {
  AddProofRequestSchema,
  CreateReleaseRequestSchema,
  type Proof,
  type Release,
} from '../sync-protocol/releases.js';
import { promotionGate } from './gate.js';

/**
 * A release write made without the server (offline), kept as one queue
 * entry of type `release_write` until it goes through. Each carries its own
 * request id, so running it twice after a crash is one write on the server.
 * - create: a new draft with its changes (changes added to it offline replace the entry);
 * - proof: a proof of a change of a draft;
 * - promote: promote the draft once the server has it, if the server's state
 *   of it is what this person saw (the change ids), else "behind".
 */
export const ReleaseWriteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), request: CreateReleaseRequestSchema }),
  z.object({ kind: z.literal('proof'), releaseId: IdSchema, request: AddProofRequestSchema }),
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
    const proof: Proof = { ...proofOf(write.request, user, now), rc: 0 };
    const changes = known.changes.map((change) =>
      change.id === write.request.changeId ? { ...change, proofs: [...change.proofs, proof] } : change,
    );
    shown.set(id, {
      ...known,
      changes,
      gate: promotionGate(changes, known.requiredProofs),
      queued: known.queued ?? 'queued',
    });
  }
  return [...shown.values()];
}

function localDraft(
  request: z.output<typeof CreateReleaseRequestSchema>,
  user: string,
  now: number,
): ShownRelease {
  const changes = request.changes.map((change) => ({ ...change, proofs: [] }));
  return {
    id: request.id,
    namespaces: request.namespaces,
    version: request.version,
    status: 'draft',
    createdBy: user,
    collaborators: request.collaborators,
    requiredProofs: request.requiredProofs,
    changes,
    revision: 0,
    createdAt: now,
    updatedAt: now,
    promotedBy: null,
    promotedAt: null,
    yanked: false,
    yankReason: null,
    gate: promotionGate(changes, request.requiredProofs),
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
