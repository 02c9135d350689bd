import { z } from 'zod';
import { UserNameSchema } from '../sync-protocol/admin.js';
import {
  MAX_RELEASE_COLLABORATORS,
  ReleaseChangeInputSchema,
  type CreateReleaseRequestSchema,
  type Proof,
  type ProofResult,
  type Release,
  type ReleaseChangeInput,
} from '../sync-protocol/releases.js';
import { promotionGate } from './gate.js';

/**
 * One edit of a draft, as a person means it (not as a whole new list): so a
 * queued edit made offline is applied to whatever the server holds when it
 * is sent, and an edit someone else made meanwhile is kept.
 */
export const DraftEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('addChange'), change: ReleaseChangeInputSchema }),
  z.object({ op: z.literal('removeChange'), changeId: z.string().min(1).max(64) }),
  z.object({ op: z.literal('collaborators'), names: z.array(UserNameSchema).max(MAX_RELEASE_COLLABORATORS) }),
  z.object({ op: z.literal('requiredProofs'), count: z.number().int().min(0).max(20) }),
]);
export type DraftEdit = z.infer<typeof DraftEditSchema>;

/** What PUT /v1/releases/:id carries for an edit (besides request id and revision). */
export interface DraftUpdate {
  changes?: ReleaseChangeInput[];
  collaborators?: string[];
  requiredProofs?: number;
}

/** A refusal of an edit, in the server's words (the server says the same). */
export class DraftRefused extends Error {}

const refuse = (message: string): never => {
  throw new DraftRefused(message);
};

/** A change as a draft lists it (its proofs stay with the release they prove). */
export function changeInput(change: Release['changes'][number]): ReleaseChangeInput {
  return {
    id: change.id,
    type: change.type,
    ref: change.ref,
    title: change.title,
    assignee: change.assignee,
  };
}

/** Why `user` may not edit `release` this way, or null. The server checks the same rules. */
export function draftEditRefusal(release: Release, edit: DraftEdit, user: string): string | null {
  if (release.status === 'promoted') return `Release ${release.version} is promoted and can no longer change`;
  if (release.createdBy !== user && !release.collaborators.includes(user))
    return `Only ${release.createdBy} and the release's collaborators can change this draft`;
  if (edit.op === 'collaborators' && release.createdBy !== user)
    return `Only ${release.createdBy} can choose who collaborates on ${release.version}`;
  if (edit.op === 'removeChange') {
    const change = release.changes.find((c) => c.id === edit.changeId);
    if (change && change.proofs.length > 0)
      return `Change ${edit.changeId} has proofs and cannot be removed from the release`;
  }
  return null;
}

/**
 * The update that carries `edit` onto `release`, or null when the release
 * already has it (an edit sent twice, or made by someone else too).
 */
export function draftUpdate(release: Release, edit: DraftEdit): DraftUpdate | null {
  const changes = release.changes.map(changeInput);
  switch (edit.op) {
    case 'addChange': {
      const old = changes.find((c) => c.id === edit.change.id);
      if (old && JSON.stringify(old) === JSON.stringify(edit.change)) return null;
      if (old) refuse(`Release ${release.version} already has a change ${edit.change.id}`);
      return { changes: [...changes, edit.change] };
    }
    case 'removeChange':
      return changes.some((c) => c.id === edit.changeId)
        ? { changes: changes.filter((c) => c.id !== edit.changeId) }
        : null;
    case 'collaborators': {
      const names = [...new Set(edit.names)].sort();
      return names.join('\n') === [...release.collaborators].sort().join('\n')
        ? null
        : { collaborators: names };
    }
    case 'requiredProofs':
      return edit.count === release.requiredProofs ? null : { requiredProofs: edit.count };
  }
}

/** `release` with `edit` applied (checked for `user`), its gate derived again. */
export function applyDraftEdit(release: Release, edit: DraftEdit, user: string): Release {
  const refusal = draftEditRefusal(release, edit, user);
  if (refusal) refuse(refusal);
  const update = draftUpdate(release, edit);
  if (!update) return release;
  const proofsOf = new Map(release.changes.map((c) => [c.id, c.proofs]));
  const changes = (update.changes ?? release.changes.map(changeInput)).map((c) => ({
    ...c,
    proofs: proofsOf.get(c.id) ?? [],
  }));
  return withGate({
    ...release,
    changes,
    collaborators: update.collaborators ?? release.collaborators,
    requiredProofs: update.requiredProofs ?? release.requiredProofs,
    revision: release.revision + 1,
  });
}

export interface ProofFields {
  result: ProofResult;
  note: string;
  link: string | null;
}

/** Adds a proof (anyone who sees the draft); `rc` null draws the change's next number. */
export function addProofTo(release: Release, proof: Omit<Proof, 'rc'> & { rc: number | null }): Release {
  if (release.status === 'promoted') refuse(`Release ${release.version} is promoted: its proofs are final`);
  const change = release.changes.find((c) => c.id === proof.changeId);
  if (!change) return refuse(`Release ${release.version} has no change ${proof.changeId}`);
  const rc = proof.rc ?? Math.max(0, ...change.proofs.map((p) => p.rc)) + 1;
  return replaceProofs(release, proof.changeId, [...change.proofs, { ...proof, rc }]);
}

/** Edits (fields) or deletes (null) a proof: only its author, only on a draft. */
export function changeProofOf(
  release: Release,
  proofId: string,
  fields: ProofFields | null,
  user: string,
  now: number,
): Release {
  const change = release.changes.find((c) => c.proofs.some((p) => p.id === proofId));
  const proof = change?.proofs.find((p) => p.id === proofId);
  if (!change || !proof) return refuse(`Release ${release.version} has no proof '${proofId}'`);
  if (release.status === 'promoted') refuse(`Release ${release.version} is promoted: its proofs are final`);
  if (proof.author !== user) refuse(`Only ${proof.author} can change their proof`);
  const proofs = fields
    ? change.proofs.map((p) => (p.id === proofId ? { ...p, ...fields, updatedAt: now } : p))
    : change.proofs.filter((p) => p.id !== proofId);
  return replaceProofs(release, change.id, proofs);
}

function replaceProofs(release: Release, changeId: string, proofs: Proof[]): Release {
  const changes = release.changes.map((c) => (c.id === changeId ? { ...c, proofs } : c));
  return withGate({ ...release, changes, revision: release.revision + 1 });
}

const withGate = (release: Release): Release => ({
  ...release,
  gate: promotionGate(release.changes, release.requiredProofs),
});

/** A new draft as its creation request describes it, made by `user` at `now`. */
export function draftFromRequest(
  request: z.output<typeof CreateReleaseRequestSchema>,
  user: string,
  now: number,
  revision: number,
): Release {
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
    revision,
    createdAt: now,
    updatedAt: now,
    promotedBy: null,
    promotedAt: null,
    yanked: false,
    yankReason: null,
    gate: promotionGate(changes, request.requiredProofs),
  };
}
