import type { Op } from '../../src-shared/model/index.js';
import { shallowItemsOf } from '../../src-shared/view/boot-view.js';
import type { ViewSpec } from '../../src-shared/view/branch-view.js';
import type { TetherDb } from '../db/index.js';
import { BOOT_VIEW_MARGIN_MS } from '../db/boot-view-store.js';
import { logError } from '../log/report.js';
import type { LiveState } from './live-state.js';

/** More items written since the boot view was taken than this: reading the whole log is quicker. */
const TOUCHED_LIMIT = 2_000;
/** A boot view is taken once nothing has changed for this long (the store's margin covers late events)… */
const QUIET_MS = BOOT_VIEW_MARGIN_MS;
/**
 * …and at most once per this many times what the last one took to write, so
 * keeping it costs at most a thirtieth of the app's time: a small workspace's
 * record follows within seconds (its first pull lands after an early empty
 * one), a large one's (a second or two to write) every half minute or so…
 */
const COST_SHARE = 30;
/** …and never less often than this. */
const EVERY_MS = 60_000;

export interface BootRead {
  ops: Op[];
  /** Nothing was written since the record was taken: no new one is needed until something changes. */
  current: boolean;
  partial: { shallowItemIds: Set<string>; maxMainSeq: number };
}

/**
 * The ops to show `view` with from its stored boot view: the record's, less
 * the items written since it was taken, whose whole history is read instead,
 * plus every unsent op (the unsent count covers all branches). Null: no
 * usable record, read the whole log.
 */
export async function readBootView(db: TetherDb, view: ViewSpec): Promise<BootRead | null> {
  const stored = await db.bootView.load(view).catch((error: unknown) => {
    logError('The boot view could not be read; reading the whole op log', error);
    return null;
  });
  if (!stored || stored.touchedItemIds.length > TOUCHED_LIMIT) return null;
  const touched = new Set(stored.touchedItemIds);
  const [histories, unsent] = await Promise.all([
    Promise.all(stored.touchedItemIds.map((id) => db.ops.byItem(id))),
    db.ops.unacknowledged(),
  ]);
  const ops = [...stored.ops.filter((op) => !touched.has(op.itemId)), ...histories.flat(), ...unsent];
  const shallowItemIds = shallowItemsOf(ops, view);
  for (const id of touched) shallowItemIds.delete(id);
  const current = touched.size === 0;
  return { ops, current, partial: { shallowItemIds, maxMainSeq: stored.maxMainSeq } };
}

/**
 * Keeps the stored boot view close to the current view: a new one is taken
 * when the workspace has been quiet for a moment, spaced by what the last one
 * cost to write (at most a minute apart), and at once when none could be used
 * at start-up. Taking one never blocks an action; a failed one is logged and
 * tried again later.
 */
export class BootViewKeeper {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last try (kept or not) ended. */
  private lastTry = 0;
  private spacingMs = 0;
  private readonly stopListening: () => void;

  constructor(
    state: LiveState,
    private readonly store: () => Promise<boolean>,
    current: boolean,
  ) {
    this.stopListening = state.subscribe(() => this.schedule());
    if (!current) this.schedule();
  }

  stop(): void {
    this.stopListening();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(QUIET_MS, this.lastTry + this.spacingMs - Date.now());
    this.timer = setTimeout(() => void this.save(), wait);
  }

  private async save(): Promise<void> {
    this.timer = null;
    const start = Date.now();
    try {
      const kept = await this.store();
      // A refused try costs too (it reads the rows written since the last record): spaced alike.
      this.lastTry = Date.now();
      this.spacingMs = Math.min(EVERY_MS, (this.lastTry - start) * COST_SHARE);
      if (!kept) this.schedule();
    } catch (error) {
      logError('The boot view could not be stored', error);
    }
  }
}
