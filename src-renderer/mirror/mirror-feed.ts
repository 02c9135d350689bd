import type {
  FolderApplied,
  FolderChange,
  FolderChanges,
  MirrorItem,
  MirrorPublish,
} from '../../src-shared/bridge/git.js';
import type { ItemState } from '../../src-shared/model/index.js';
import type { Workspace } from '../workspace/index.js';

/** Main's side of the mirror, as the renderer sees it (the bridge in the app, the service itself in tests). */
export interface MirrorPort {
  publish(publish: MirrorPublish): Promise<void>;
  applied(applied: FolderApplied): Promise<void>;
  onChanges(listener: (batch: FolderChanges) => void): () => void;
}

/** Changes in the view are gathered this long before they go to main (a pull brings many at once). */
const GATHER_MS = 30;

/**
 * Feeds the current branch view's items to main's folder mirror, and turns
 * the changes main finds in the folder into ops through the workspace, as any
 * edit in the app would be. It sends only what changed since the last send
 * (an item's head op id says whether it changed), and the whole view after a
 * branch switch.
 */
export class MirrorFeed {
  private sent = new Map<string, string>();
  private sentBranch: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> = Promise.resolve();
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly ws: Workspace,
    private readonly port: MirrorPort,
  ) {}

  start(): void {
    this.stops.push(
      this.ws.subscribe(() => this.schedule()),
      this.port.onChanges((batch) => void this.apply(batch)),
    );
    this.sentBranch = null;
    this.schedule(0);
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Resolves when what the view holds now has been handed to main. */
  async settled(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.sending = this.sending.then(() => this.send());
    }
    await this.sending;
  }

  private schedule(ms = GATHER_MS): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sending = this.sending.then(() => this.send()).catch(() => undefined);
    }, ms);
  }

  private async send(): Promise<void> {
    const snap = this.ws.getSnapshot();
    const full = snap.branchId !== this.sentBranch;
    const upserts: MirrorItem[] = [];
    const now = new Map<string, string>();
    for (const item of snap.items) {
      now.set(item.itemId, item.current.id);
      if (full || this.sent.get(item.itemId) !== item.current.id) upserts.push(mirrorItem(item));
    }
    const removes = full ? [] : [...this.sent.keys()].filter((id) => !now.has(id));
    if (!full && upserts.length === 0 && removes.length === 0) return;
    await this.port.publish({ branchId: snap.branchId, full, upserts, removes });
    this.sent = now;
    this.sentBranch = snap.branchId;
  }

  private async apply(batch: FolderChanges): Promise<void> {
    const results: FolderApplied['results'] = [];
    for (const change of batch.changes) {
      try {
        results.push({ relPath: change.relPath, ok: true, ...(await this.applyOne(change)) });
      } catch (error) {
        results.push({
          relPath: change.relPath,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    await this.settled();
    await this.port.applied({ batchId: batch.batchId, results });
  }

  private async applyOne(change: FolderChange): Promise<{ itemId: string; head?: string }> {
    if (change.type === 'create') {
      const existing = this.ws.getSnapshot().items.find((item) => item.path === change.path);
      // Offered again after a reconnect: the item it made is already there.
      if (existing?.kind === change.kind && existing.content === change.content) return headOf(existing);
      const item = await this.ws.createItem({
        path: change.path,
        kind: change.kind,
        content: change.content,
      });
      return headOf(item);
    }
    const { itemId } = change;
    if (!this.ws.item(itemId)) throw new Error('the item is not on this branch view any more');
    if (change.type === 'rename') {
      await this.ws.saveOutsideEdit(itemId, { type: 'rename', path: change.path }, change.base);
      await this.ws.saveOutsideEdit(itemId, { type: 'edit', content: change.content }, null);
    } else if (change.type === 'edit') {
      await this.ws.saveOutsideEdit(itemId, { type: 'edit', content: change.content }, change.base);
    } else {
      await this.ws.saveOutsideEdit(itemId, { type: 'delete' }, change.base);
    }
    const item = this.ws.item(itemId);
    return item ? headOf(item) : { itemId };
  }
}

function headOf(item: ItemState): { itemId: string; head: string } {
  return { itemId: item.itemId, head: item.current.id };
}

function mirrorItem(item: ItemState): MirrorItem {
  return {
    itemId: item.itemId,
    path: item.path,
    kind: item.kind,
    content: item.content,
    head: item.current.id,
  };
}
