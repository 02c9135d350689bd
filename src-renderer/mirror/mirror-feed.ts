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
    // Edits and deletions of distinct items go to the database in one write (a pull brings many).
    const simple = batch.changes.filter(isSimple);
    const items = new Set(simple.map((c) => c.itemId));
    const together = items.size === simple.length && simple.every((c) => this.ws.item(c.itemId));
    if (together && simple.length > 1) results.push(...(await this.applyTogether(simple)));
    for (const change of batch.changes) {
      if (together && simple.length > 1 && isSimple(change)) continue;
      try {
        results.push({ relPath: change.relPath, ok: true, ...(await this.applyOne(change)) });
      } catch (error) {
        results.push({ relPath: change.relPath, ok: false, message: messageOf(error) });
      }
    }
    await this.settled();
    await this.port.applied({ batchId: batch.batchId, results });
  }

  private async applyTogether(changes: SimpleChange[]): Promise<FolderApplied['results']> {
    const answers = await this.ws.saveOutsideEdits(
      changes.map((c) => ({
        itemId: c.itemId,
        edit: c.type === 'edit' ? { type: 'edit' as const, content: c.content } : { type: 'delete' as const },
        base: c.base,
      })),
    );
    return changes.map((change, i) => {
      const answer = answers[i];
      if (answer instanceof Error) return { relPath: change.relPath, ok: false, message: answer.message };
      const item = this.ws.item(change.itemId);
      return {
        relPath: change.relPath,
        ok: true,
        itemId: change.itemId,
        ...(item ? { head: item.current.id } : {}),
      };
    });
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

type SimpleChange = Extract<FolderChange, { type: 'edit' | 'delete' }>;

function isSimple(change: FolderChange): change is SimpleChange {
  return change.type === 'edit' || change.type === 'delete';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
