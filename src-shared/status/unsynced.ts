/**
 * Unsent ops that wait for the user, not for a sync: the server refused them
 * (a failed queue entry: retry or discard), or the user discarded them (kept
 * on this computer as local-only work, never sent).
 */
export interface HeldOps {
  refused: number;
  discarded: number;
}

export const NO_HELD_OPS: HeldOps = { refused: 0, discarded: 0 };

/** Every op the server has not acknowledged, split by what it waits for. */
export interface UnsyncedCounts extends HeldOps {
  /** Waiting for a sync: the number every "unsynced changes" count shows. */
  waiting: number;
}

/**
 * Which unacknowledged ops are held. A discarded op is also in the refused
 * map (that is what keeps it from being sent): it counts as discarded only.
 */
export function heldOpsOf(
  unacknowledgedIds: Iterable<string>,
  refused: Readonly<Record<string, unknown>>,
  discarded: Readonly<Record<string, unknown>>,
): HeldOps {
  const held = { refused: 0, discarded: 0 };
  for (const id of unacknowledgedIds) {
    if (id in discarded) held.discarded += 1;
    else if (id in refused) held.refused += 1;
  }
  return held;
}

/**
 * The one place the counts the user sees come from (status bar, its
 * details, the tray via main's status). `unacknowledged` is live from the op
 * log while `held` is read a moment later from the database: clamped, so the
 * two can never add up to a negative or a double count in between.
 */
export function unsyncedCounts(unacknowledged: number, held: HeldOps): UnsyncedCounts {
  const total = Math.max(0, unacknowledged);
  const discarded = Math.min(held.discarded, total);
  const refused = Math.min(held.refused, total - discarded);
  return { waiting: total - discarded - refused, refused, discarded };
}

/** "3", or "3 · 1 failed · 2 discarded (local only)" when some wait for the user. */
export function unsyncedDetail(counts: UnsyncedCounts): string {
  const parts = [counts.waiting.toLocaleString()];
  if (counts.refused > 0) parts.push(`${counts.refused.toLocaleString()} failed`);
  if (counts.discarded > 0) parts.push(`${counts.discarded.toLocaleString()} discarded (local only)`);
  return parts.join(' · ');
}
