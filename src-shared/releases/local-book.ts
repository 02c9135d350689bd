import { z } from 'zod';
import {
  ReleaseHeadSchema,
  ReleaseSchema,
  type Release,
  type ReleaseHead,
} from '../sync-protocol/releases.js';
import {
  addProofTo,
  applyDraftEdit,
  changeInput,
  changeProofOf,
  draftFromRequest,
  DraftRefused,
} from './draft-rules.js';
import type { ReleaseWrite, ShownRelease } from './queued.js';
import { offerNextVersion } from './version.js';

/**
 * Where a namespace's releases live (the reference's execution modes):
 * - local: on this computer only; nothing about them reaches the server;
 * - hybrid: drafts and proofs stay on this computer; promoting sends the
 *   release, its proofs and the promotion to the server (through the queue);
 * - cloud: every write goes to the server as it is made (queued offline).
 */
export const ReleaseModeSchema = z.enum(['local', 'hybrid', 'cloud']);
export type ReleaseMode = z.infer<typeof ReleaseModeSchema>;

/** A release kept on this computer (local or hybrid mode), with the heads a local promotion froze. */
export const BookReleaseSchema = ReleaseSchema.extend({
  kept: z.enum(['local', 'hybrid']),
  heads: z.array(ReleaseHeadSchema),
});
export type BookRelease = z.infer<typeof BookReleaseSchema>;

/**
 * This computer's releases, the mode chosen per namespace, and in hybrid
 * mode the server's releases as last pulled (per namespace): what the
 * screen shows and the status view compares with the server's list, kept
 * across restarts so a reload neither pulls nor forgets a pull.
 */
export const ReleaseBookSchema = z.object({
  modes: z.record(z.string(), ReleaseModeSchema),
  releases: z.array(BookReleaseSchema),
  pulled: z.record(z.string(), z.array(ReleaseSchema)).default({}),
});
export type ReleaseBook = z.infer<typeof ReleaseBookSchema>;

export const EMPTY_BOOK: ReleaseBook = { modes: {}, releases: [], pulled: {} };

/** Hybrid mode: `releases` are the server's releases of `namespace` as pulled now. */
export const withPulled = (
  book: ReleaseBook,
  namespace: string,
  releases: readonly Release[],
): ReleaseBook => ({
  ...book,
  pulled: { ...book.pulled, [namespace]: [...releases] },
});

/** The mode of `namespace`: its own, else its nearest parent's, else `fallback`. */
export function modeOf(book: ReleaseBook, namespace: string, fallback: ReleaseMode): ReleaseMode {
  for (let ns = namespace; ns; ns = ns.includes('.') ? ns.slice(0, ns.lastIndexOf('.')) : '') {
    const mode = book.modes[ns];
    if (mode) return mode;
  }
  return fallback;
}

export const setMode = (book: ReleaseBook, namespace: string, mode: ReleaseMode): ReleaseBook => ({
  ...book,
  modes: { ...book.modes, [namespace]: mode },
});

/** What a write in the book needs besides itself. */
export interface BookContext {
  user: string;
  now: number;
  /** Versions used in the release's namespaces, as far as this computer knows (the server's included). */
  usedVersions: readonly string[];
  /** For a local promotion: main's item heads in the release's namespaces now. */
  heads?: readonly ReleaseHead[];
}

/**
 * A write made in local or hybrid mode, applied to the book by the same
 * rules the server keeps: a version used once, drafts changed by their
 * creator and collaborators, proofs by their author, promoted is final.
 * Throws DraftRefused with the reason.
 */
export function writeToBook(
  book: ReleaseBook,
  write: ReleaseWrite,
  kept: BookRelease['kept'],
  ctx: BookContext,
): ReleaseBook {
  if (write.kind === 'create') {
    const { request } = write;
    if (ctx.usedVersions.includes(request.version))
      throw new DraftRefused(
        `Version ${request.version} is already used; ${offerNextVersion(request.version, ctx.usedVersions)} is free`,
      );
    return { ...book, releases: [...book.releases, newBookRelease(write.request, kept, ctx)] };
  }
  const release = book.releases.find((r) => r.id === write.releaseId);
  if (!release) throw new DraftRefused('This release is not kept on this computer');
  const next = { ...applyToRelease(release, write, ctx), updatedAt: ctx.now };
  return { ...book, releases: book.releases.map((r) => (r.id === release.id ? next : r)) };
}

function applyToRelease(release: BookRelease, write: ReleaseWrite, ctx: BookContext): BookRelease {
  switch (write.kind) {
    case 'edit':
      return { ...release, ...applyDraftEdit(release, write.edit, ctx.user) };
    case 'proof': {
      const { requestId: _, ...fields } = write.request;
      const proof = { ...fields, rc: null, author: ctx.user, createdAt: ctx.now, updatedAt: ctx.now };
      return { ...release, ...addProofTo(release, proof) };
    }
    case 'proofEdit': {
      const { requestId: _, ...fields } = write.request;
      return { ...release, ...changeProofOf(release, write.proofId, fields, ctx.user, ctx.now) };
    }
    case 'proofDelete':
      return { ...release, ...changeProofOf(release, write.proofId, null, ctx.user, ctx.now) };
    case 'promote':
      return promoteInBook(release, ctx);
    default:
      throw new DraftRefused('A release is created once');
  }
}

/** A local promotion: once, with the gate open, freezing main's heads as this computer has them. */
function promoteInBook(release: BookRelease, ctx: BookContext): BookRelease {
  if (release.status === 'promoted')
    throw new DraftRefused(`Version ${release.version} was already promoted by ${release.promotedBy}`);
  if (!release.gate.ready)
    throw new DraftRefused(`Ready for promotion: no (${release.gate.reasons.join('; ')})`);
  return {
    ...release,
    status: 'promoted',
    promotedBy: ctx.user,
    promotedAt: ctx.now,
    revision: release.revision + 1,
    heads: [...(ctx.heads ?? [])],
  };
}

function newBookRelease(
  request: Extract<ReleaseWrite, { kind: 'create' }>['request'],
  kept: BookRelease['kept'],
  ctx: BookContext,
): BookRelease {
  return { ...draftFromRequest(request, ctx.user, ctx.now, 1), kept, heads: [] };
}

/**
 * The writes that put a kept draft on the server, in order: the draft with
 * its changes, each proof, and (hybrid promotion) the promotion. Proofs keep
 * their ids; the server draws their rc numbers.
 */
export function writesToSend(release: Release, promote: boolean, newId: () => string): ReleaseWrite[] {
  const writes: ReleaseWrite[] = [
    {
      kind: 'create',
      request: {
        requestId: newId(),
        id: release.id,
        namespaces: release.namespaces,
        version: release.version,
        collaborators: release.collaborators,
        requiredProofs: release.requiredProofs,
        changes: release.changes.map(changeInput),
      },
    },
  ];
  for (const change of release.changes)
    for (const proof of change.proofs)
      writes.push({
        kind: 'proof',
        releaseId: release.id,
        request: {
          requestId: newId(),
          id: proof.id,
          changeId: change.id,
          result: proof.result,
          note: proof.note,
          link: proof.link,
        },
      });
  if (promote)
    writes.push({
      kind: 'promote',
      releaseId: release.id,
      requestId: newId(),
      sawChanges: release.changes.map((c) => c.id),
    });
  return writes;
}

/** A release as the list shows it: the server's or a queued one (kept null), or one kept here. */
export type ListedRelease = ShownRelease & { kept: BookRelease['kept'] | null };

/** The shown releases with this computer's kept ones beside them. */
export function withBook(shown: readonly ShownRelease[], book: ReleaseBook): ListedRelease[] {
  const kept = book.releases.map(({ heads: _, ...release }): ListedRelease => ({
    ...release,
    queued: null,
    queuedPromotion: null,
    sendError: null,
  }));
  const ids = new Set(kept.map((r) => r.id));
  return [...kept, ...shown.filter((r) => !ids.has(r.id)).map((r) => ({ ...r, kept: null }))];
}
