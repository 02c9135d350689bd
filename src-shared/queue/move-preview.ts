import type { QueueEntry } from '../model/index.js';
import { inQueueOrder } from './policy.js';
import { moveEntry, QueueOrderError } from './reorder.js';

/** What dropping an entry on another would do: land above or below it, or be refused and why. */
export type MovePreview = { ok: true; side: 'above' | 'below' } | { ok: false; reason: string };

/**
 * Moves an entry onto another's place: directly above it when moving up,
 * directly below it when moving down. The view names entries, not positions,
 * because it hides some (empty branch pushes), and a position counted in the
 * view is not one in the queue. Refused past a dependency, like moveEntry.
 */
export function moveOnto(entries: readonly QueueEntry[], id: string, ontoId: string): QueueEntry[] {
  const to = inQueueOrder(entries).findIndex((entry) => entry.id === ontoId);
  if (to < 0) throw new QueueOrderError(`There is no queue entry "${ontoId}"`);
  return moveEntry(entries, id, to);
}

/**
 * The same rule the queue applies on the drop (moveOnto), asked ahead so a
 * drag can show where the entry lands, or why it may not, before letting go.
 * `entries` is the whole queue, hidden entries included: passing one of its
 * own lane is refused just the same.
 */
export function previewMove(entries: readonly QueueEntry[], id: string, ontoId: string): MovePreview | null {
  const ordered = inQueueOrder(entries);
  const from = ordered.findIndex((entry) => entry.id === id);
  const to = ordered.findIndex((entry) => entry.id === ontoId);
  if (from < 0 || to < 0 || from === to) return null;
  try {
    moveOnto(ordered, id, ontoId);
  } catch (error) {
    if (error instanceof QueueOrderError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, side: to < from ? 'above' : 'below' };
}

/** The shown entry one row up (-1) or down (+1) from `id` in the view, or null at either end. */
export function shownNeighbour(
  entries: readonly QueueEntry[],
  shown: ReadonlySet<string>,
  id: string,
  step: -1 | 1,
): QueueEntry | null {
  const view = inQueueOrder(entries).filter((entry) => shown.has(entry.id));
  const at = view.findIndex((entry) => entry.id === id);
  return at < 0 ? null : (view[at + step] ?? null);
}

/** Whether Move up/down would be accepted: there is a row to pass, and passing it (and any hidden entry between) is allowed. */
export function canStepShown(
  entries: readonly QueueEntry[],
  shown: ReadonlySet<string>,
  id: string,
  step: -1 | 1,
): boolean {
  const neighbour = shownNeighbour(entries, shown, id, step);
  return neighbour !== null && previewMove(entries, id, neighbour.id)?.ok === true;
}
