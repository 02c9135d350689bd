import type { TetherDb } from '../db/index.js';
import { logError } from '../log/report.js';
import type { LiveState } from './live-state.js';

/**
 * What a workspace booted from its boot view reads later, when asked: an
 * item's history (its view held the head only), or the whole op log (a
 * branch switch, eviction, another branch's view, a release's ops). Each
 * read happens once however many ask; a failed one can be asked for again.
 */
export class HistoryReads {
  private wholeLog: Promise<void> | null = null;
  /** Items whose history is being read. */
  private readonly reading = new Set<string>();

  constructor(
    private readonly db: TetherDb,
    private readonly state: LiveState,
    private readonly closed: () => boolean,
  ) {}

  /** Reads the history of those items the view holds by their heads only. */
  async items(itemIds: Iterable<string>): Promise<void> {
    const wanted = [...itemIds].filter((id) => this.state.isShallow(id) && !this.reading.has(id));
    if (wanted.length === 0) return;
    wanted.forEach((id) => this.reading.add(id));
    try {
      const ops = (await Promise.all(wanted.map((id) => this.db.ops.byItem(id)))).flat();
      if (!this.closed()) this.state.fill(wanted, ops);
    } finally {
      wanted.forEach((id) => this.reading.delete(id));
    }
  }

  /** Reads the whole op log once, unless every op is held already. */
  whole(): Promise<void> {
    if (this.state.holdsWholeLog) return Promise.resolve();
    this.wholeLog ??= this.db.ops.all().then(
      (ops) => {
        if (!this.closed()) this.state.complete(ops);
      },
      (error: unknown) => {
        this.wholeLog = null;
        throw error;
      },
    );
    return this.wholeLog;
  }

  /** items() in the background: subscribers hear when the history lands. */
  requestItems(itemIds: Iterable<string>): void {
    this.items(itemIds).catch((error: unknown) => logError('Reading an item’s history failed', error));
  }

  /** whole() in the background. */
  requestWhole(): void {
    this.whole().catch((error: unknown) => logError('Reading the op log failed', error));
  }
}
