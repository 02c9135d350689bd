import type { QueueEntry } from '../model/index.js';
import { moveEntry, QueueOrderError } from './reorder.js';

/** What dropping an entry on another would do: land above or below it, or be refused and why. */
export type MovePreview = { ok: true; side: 'above' | 'below' } | { ok: false; reason: string };

/**
 * The same rule the queue applies on the drop (moveEntry), asked ahead so a
 * drag can show where the entry lands, or why it may not, before letting go.
 */
export function previewMove(entries: readonly QueueEntry[], id: string, ontoId: string): MovePreview | null {
  const from = entries.findIndex((entry) => entry.id === id);
  const to = entries.findIndex((entry) => entry.id === ontoId);
  if (from < 0 || to < 0 || from === to) return null;
  try {
    moveEntry(entries, id, to);
  } catch (error) {
    if (error instanceof QueueOrderError) return { ok: false, reason: error.message };
    throw error;
  }
  return { ok: true, side: to < from ? 'above' : 'below' };
}
