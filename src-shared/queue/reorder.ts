import type { QueueEntry } from '../model/index.js';
import { inQueueOrder } from './policy.js';

export class QueueOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueOrderError';
  }
}

/**
 * Moves one entry to `toIndex` of the queue order. Order is free only among
 * independent entries: an entry may not pass another of its own lane (that
 * one must run first, or after it), so such a move is refused and nothing
 * changes. Returns the entries whose position changed.
 */
export function moveEntry(entries: readonly QueueEntry[], id: string, toIndex: number): QueueEntry[] {
  const ordered = inQueueOrder(entries);
  const from = ordered.findIndex((entry) => entry.id === id);
  if (from < 0) throw new QueueOrderError(`There is no queue entry "${id}"`);
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= ordered.length) {
    throw new QueueOrderError(`Position ${toIndex} is outside the queue (0–${ordered.length - 1})`);
  }
  const moving = ordered[from] as QueueEntry;
  const passed = from < toIndex ? ordered.slice(from + 1, toIndex + 1) : ordered.slice(toIndex, from);
  const dependent = passed.find((entry) => entry.lane === moving.lane);
  if (dependent) {
    throw new QueueOrderError(
      `“${moving.title}” cannot pass “${dependent.title}”: they must run in the order they were made`,
    );
  }
  const next = [...ordered];
  next.splice(from, 1);
  next.splice(toIndex, 0, moving);
  return renumber(ordered, next);
}

/** Where an entry may go with one step up (-1) or down (+1); null when that would pass a dependency. */
export function canStep(entries: readonly QueueEntry[], id: string, step: -1 | 1): number | null {
  const ordered = inQueueOrder(entries);
  const from = ordered.findIndex((entry) => entry.id === id);
  const neighbour = ordered[from + step];
  if (from < 0 || !neighbour) return null;
  return neighbour.lane === (ordered[from] as QueueEntry).lane ? null : from + step;
}

/** Positions follow the new order; only entries whose position changes are returned. */
function renumber(before: QueueEntry[], after: QueueEntry[]): QueueEntry[] {
  const slots = before.map((entry) => entry.position);
  const changed: QueueEntry[] = [];
  after.forEach((entry, index) => {
    // Reuse the old positions (sorted) so entries outside the move keep theirs.
    const position = slots[index] as number;
    if (entry.position !== position) changed.push({ ...entry, position });
  });
  return fixTies(changed, after, slots);
}

/** Equal old positions (same createdAt) would make the new order ambiguous: spread them. */
function fixTies(changed: QueueEntry[], after: QueueEntry[], slots: number[]): QueueEntry[] {
  if (new Set(slots).size === slots.length) return changed;
  return after.map((entry, index) => ({ ...entry, position: (slots[0] ?? 0) + index }));
}
