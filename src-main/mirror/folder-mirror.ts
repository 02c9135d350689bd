import { randomUUID } from 'node:crypto';
import { lstat, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type {
  FolderApplied,
  FolderChange,
  FolderChanges,
  FolderNotice,
  MirrorPublish,
} from '../../src-shared/bridge/git.js';
import { changesFrom, type Observation } from '../../src-shared/mirror/changes.js';
import { diskHash, hashOf, insideFolder, listFiles, observe, relPathOf } from './disk.js';
import { Exporter } from './exporter.js';
import { Manifest } from './manifest.js';

export interface FolderMirrorOptions {
  folder: string;
  dataDir: string;
  debounceMs: number;
  /** Hands found changes to the renderer, which turns them into ops and answers with `applied`. */
  emitChanges(batch: FolderChanges): void;
  /** Something the status shows changed. */
  onState?(): void;
  /** After each export that wrote files (git's "settled" timer listens). */
  onExported?(): void;
  /** Watcher events are gathered this long, so a move (unlink + add) arrives as one rename. */
  watchBatchMs?: number;
}

/** Exports larger than this run with the watcher stopped. */
const BULK_EXPORT = 200;
/** How long a vanished file waits for its other half of a move. */
const DELETE_WAIT_MS = 500;

/**
 * Files changed since `since` by someone else than this export (`ours`): by
 * time first, then content. A file this export wrote and someone changed in
 * the same moment is looked at on its next change.
 */
async function changedSince(
  folder: string,
  since: number,
  manifest: Manifest,
  ours: Set<string>,
): Promise<string[]> {
  const { files } = await listFiles(folder);
  const changed: string[] = [];
  for (const relPath of files) {
    if (ours.has(relPath)) continue;
    const info = await lstat(join(folder, relPath)).catch(() => null);
    if (!info || info.mtimeMs < since - 1000) continue;
    const entry = manifest.atPath(relPath);
    if (!entry || info.isSymbolicLink() || (await diskHash(join(folder, relPath))) !== entry.hash)
      changed.push(relPath);
  }
  return changed;
}

interface PendingBatch {
  batch: FolderChanges;
  done: (applied: FolderApplied) => void;
  /** Changes read from the folder (the watcher), not brought by a pull (whose files are not written yet). */
  fromDisk: boolean;
}

/**
 * The folder mirror of one profile: store → files through the Exporter,
 * files → store through a chokidar watcher whose findings go to the renderer
 * as changes (the renderer makes the ops, as any edit in the app would).
 */
export class FolderMirror {
  readonly manifest: Manifest;
  private readonly exporter: Exporter;
  private watcher: FSWatcher | null = null;
  private exportTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private readonly seen = new Set<string>();
  private readonly pending = new Map<string, PendingBatch>();
  /** Paths that changed again while their earlier change was with the renderer: looked at after its answer. */
  private readonly deferred = new Set<string>();
  /** Tracked files seen gone, and since when (see holdDeletions). */
  private readonly goneSince = new Map<string, number>();
  private importNotices: FolderNotice[] = [];
  private exporting: Promise<unknown> = Promise.resolve();
  private busy = false;
  private scanned = false;
  private closed = false;

  private constructor(
    private readonly opts: FolderMirrorOptions,
    manifest: Manifest,
  ) {
    this.manifest = manifest;
    this.exporter = new Exporter(opts.folder, manifest);
  }

  static async open(opts: FolderMirrorOptions): Promise<FolderMirror> {
    await mkdir(opts.folder, { recursive: true });
    const mirror = new FolderMirror(opts, await Manifest.load(opts.dataDir, opts.folder));
    await mirror.recover();
    await mirror.startWatching();
    return mirror;
  }

  get folder(): string {
    return this.opts.folder;
  }

  get state(): 'exporting' | 'importing' | 'watching' {
    if (this.busy) return 'exporting';
    return this.pending.size > 0 ? 'importing' : 'watching';
  }

  get notices(): FolderNotice[] {
    return [...this.exporter.notices, ...this.importNotices];
  }

  setDebounce(ms: number): void {
    this.opts.debounceMs = ms;
  }

  /** Store → files: the renderer's view changed. Written after the debounce (a full view at once). */
  publish(publish: MirrorPublish): void {
    this.exporter.accept(publish);
    if (publish.full) {
      // The renderer (re)connected: changes it may have missed are offered again, and the disk is compared.
      for (const { batch } of this.pending.values()) this.opts.emitChanges(batch);
      if (!this.scanned) {
        this.scanned = true;
        void this.queueExport(() => this.scanFolder());
      }
    }
    this.scheduleExport(publish.full ? 0 : this.opts.debounceMs);
  }

  /** Writes pending exports now (Commit now, quit). */
  flush(): Promise<void> {
    if (this.exportTimer) clearTimeout(this.exportTimer);
    this.exportTimer = null;
    return this.queueExport(() => this.exportNow());
  }

  /** The renderer's answer to a batch of changes. */
  async applied(applied: FolderApplied): Promise<void> {
    const pending = this.pending.get(applied.batchId);
    if (!pending || this.closed) return;
    this.pending.delete(applied.batchId);
    const notices: FolderNotice[] = [];
    const touched: string[] = [];
    const changes = new Map(pending.batch.changes.map((c) => [c.relPath, c]));
    for (const result of applied.results) {
      const change = changes.get(result.relPath);
      if (!change) continue;
      if (!result.ok) {
        notices.push({
          relPath: result.relPath,
          message: `Not imported: ${result.message ?? 'the app refused it'}`,
        });
        continue;
      }
      // A pull's files are written by the export that follows: there is nothing on disk to record yet.
      if (pending.fromDisk) await this.recordImport(change, result.itemId, result.head);
      if (result.itemId) touched.push(result.itemId);
    }
    this.importNotices = [
      ...this.importNotices.filter((n) => !applied.results.some((r) => r.relPath === n.relPath)),
      ...notices,
    ];
    this.exporter.markDirty(touched);
    await this.manifest.save();
    pending.done(applied);
    if (this.deferred.size > 0) {
      const again = [...this.deferred];
      this.deferred.clear();
      void this.queueExport(() => this.importPaths(again)).catch(() => undefined);
    }
    this.scheduleExport(0);
    this.opts.onState?.();
  }

  /** Sends changes that did not come from the watcher (a pull) and waits for the renderer's answer. */
  importChanges(changes: FolderChange[], timeoutMs: number): Promise<FolderApplied> {
    if (changes.length === 0) return Promise.resolve({ batchId: 'none', results: [] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(batch.batchId);
        reject(
          new Error(
            'The app did not take in the changes in time; nothing was changed. Try again with the app open.',
          ),
        );
      }, timeoutMs);
      const batch = this.send(
        changes,
        (applied) => {
          clearTimeout(timer);
          resolve(applied);
        },
        false,
      );
    });
  }

  /** Stops watching after writing what is pending, within `timeoutMs`. */
  async close(timeoutMs = 5_000): Promise<void> {
    if (this.closed) return;
    const flushed = this.flush().catch(() => undefined);
    await Promise.race([flushed, new Promise((done) => setTimeout(done, timeoutMs))]);
    this.closed = true;
    if (this.exportTimer) clearTimeout(this.exportTimer);
    if (this.watchTimer) clearTimeout(this.watchTimer);
    await this.watcher?.close();
  }

  // ---- internals ----

  private send(
    changes: FolderChange[],
    done: (applied: FolderApplied) => void,
    fromDisk: boolean,
  ): FolderChanges {
    const batch: FolderChanges = { batchId: randomUUID(), changes };
    this.pending.set(batch.batchId, { batch, done, fromDisk });
    this.opts.emitChanges(batch);
    this.opts.onState?.();
    return batch;
  }

  /**
   * What an import leaves known about the file. A change read from the disk
   * is now Tether's (its hash recorded, so it is neither imported again nor
   * kept from export); a change from a pull is not on disk yet, so the entry
   * stays as it was and the export then writes the new content over it.
   */
  private async recordImport(
    change: FolderChange,
    itemId: string | undefined,
    head: string | undefined,
  ): Promise<void> {
    const full = insideFolder(this.folder, change.relPath);
    const onDisk = full ? await diskHash(full) : null;
    if (change.type === 'delete') {
      if (onDisk === null) this.manifest.drop(change.itemId);
      return;
    }
    if (itemId && head && onDisk === hashOf(change.content)) {
      this.manifest.set({ itemId, relPath: change.relPath, hash: onDisk, head });
    }
  }

  private scheduleExport(ms: number): void {
    if (this.closed) return;
    if (this.exportTimer) clearTimeout(this.exportTimer);
    this.exportTimer = setTimeout(() => {
      this.exportTimer = null;
      void this.queueExport(() => this.exportNow()).catch(() => undefined);
    }, ms);
  }

  /** Exports, scans and imports never overlap. */
  private queueExport<T>(task: () => Promise<T>): Promise<T> {
    const result = this.exporting.then(task);
    this.exporting = result.catch(() => undefined);
    return result;
  }

  private async exportNow(): Promise<void> {
    if (this.exporter.pending === 0) return;
    this.busy = true;
    this.opts.onState?.();
    // chokidar re-reads a folder on each event, so thousands of our own writes cost it minutes:
    // a big export runs unwatched and then looks at what else changed meanwhile.
    const bulk = this.exporter.pending > BULK_EXPORT && this.watcher !== null;
    const started = Date.now();
    let written: string[] = [];
    if (bulk) await this.stopWatching();
    try {
      written = await this.exporter.flush();
      if (written.length > 0) this.opts.onExported?.();
    } finally {
      if (bulk && !this.closed) {
        await this.startWatching();
        await this.importPaths(await changedSince(this.folder, started, this.manifest, new Set(written)));
      }
      this.busy = false;
      this.opts.onState?.();
    }
  }

  private async stopWatching(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }

  /**
   * A crash during an export: remove half-written temp files and take each
   * journaled file as it is on disk (written or not); the next export writes
   * whatever is still missing.
   */
  private async recover(): Promise<void> {
    const { temps } = await listFiles(this.folder);
    await Promise.all(temps.map((temp) => unlink(temp).catch(() => undefined)));
    const plan = await this.manifest.interruptedExport();
    if (!plan) return;
    for (const step of plan) {
      const full = insideFolder(this.folder, step.relPath);
      const onDisk = full ? await diskHash(full) : null;
      if (
        step.hash === null &&
        onDisk === null &&
        this.manifest.ofItem(step.itemId)?.relPath === step.relPath
      ) {
        this.manifest.drop(step.itemId);
      } else if (step.hash !== null && onDisk === step.hash) {
        this.manifest.set({ itemId: step.itemId, relPath: step.relPath, hash: step.hash, head: step.head });
      } else if (step.hash !== null && this.manifest.atPath(step.relPath)?.itemId === step.itemId) {
        // Recorded before a write that never landed: the file is still what was there before.
        this.manifest.drop(step.itemId);
      }
    }
    await this.manifest.save();
    await this.manifest.endExport();
  }

  /** Compares the folder with what Tether wrote: changes made while the app was closed are imported. */
  private async scanFolder(): Promise<void> {
    const { files } = await listFiles(this.folder);
    const paths = new Set(files);
    for (const entry of this.manifest.entries()) paths.add(entry.relPath);
    await this.importPaths([...paths]);
  }

  private async startWatching(): Promise<void> {
    this.watcher = watch(this.folder, {
      ignoreInitial: true,
      followSymlinks: false,
      // .git, dotfiles and our temp files are never items.
      ignored: (path: string) =>
        relPathOf(this.folder, path)
          .split('/')
          .some((part) => part.startsWith('.')),
    });
    const note = (path: string) => this.noteEvent(relPathOf(this.folder, path));
    this.watcher.on('add', note).on('change', note).on('unlink', note);
    // A file moved into a folder that was just made can slip past the folder's new watch: look inside once.
    this.watcher.on('addDir', (path: string) => {
      setTimeout(() => {
        void listFiles(path).then(({ files }) => {
          for (const file of files) this.noteEvent(relPathOf(this.folder, join(path, file)));
        });
      }, 200);
    });
    this.watcher.on('unlinkDir', (path: string) => {
      const prefix = `${relPathOf(this.folder, path)}/`;
      for (const entry of this.manifest.entries())
        if (entry.relPath.startsWith(prefix)) this.noteEvent(entry.relPath);
    });
    await new Promise<void>((ready) => this.watcher?.once('ready', () => ready()));
  }

  /**
   * A tracked file that vanished counts as deleted only after a short wait: a
   * move into a new folder shows up there a little later, and only together
   * are they a rename. Files still waiting join every batch, to be paired.
   */
  private withWaitingDeletions(observations: Observation[]): Observation[] {
    const now = Date.now();
    for (const o of observations) {
      if (o.state !== 'gone') this.goneSince.delete(o.relPath);
      else if (this.manifest.atPath(o.relPath) && !this.goneSince.has(o.relPath)) {
        this.goneSince.set(o.relPath, now);
        setTimeout(() => this.noteEvent(o.relPath), DELETE_WAIT_MS + 50);
      }
    }
    const rest = observations.filter((o) => o.state !== 'gone' || !this.goneSince.has(o.relPath));
    return [...rest, ...[...this.goneSince.keys()].map((relPath) => ({ relPath, state: 'gone' as const }))];
  }

  /** Drops deletions still in their wait; what was paired or deleted stops waiting. */
  private settleDeletions(changes: FolderChange[]): FolderChange[] {
    const now = Date.now();
    return changes.filter((change) => {
      const from = change.type === 'delete' ? change.relPath : change.type === 'rename' ? change.from : null;
      if (from === null) return true;
      if (change.type === 'delete' && now - (this.goneSince.get(from) ?? 0) < DELETE_WAIT_MS) return false;
      this.goneSince.delete(from);
      return true;
    });
  }

  private noteEvent(relPath: string): void {
    this.seen.add(relPath);
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => {
      this.watchTimer = null;
      const paths = [...this.seen];
      this.seen.clear();
      void this.queueExport(() => this.importPaths(paths)).catch(() => undefined);
    }, this.opts.watchBatchMs ?? 150);
  }

  private async importPaths(paths: string[]): Promise<void> {
    const observations: Observation[] = [];
    for (const relPath of paths) observations.push(await observe(this.folder, relPath));
    // A path already on its way to the renderer is not sent twice.
    const inFlight = new Set(
      [...this.pending.values()].flatMap((p) => p.batch.changes.map((c) => c.relPath)),
    );
    for (const o of observations) if (inFlight.has(o.relPath)) this.deferred.add(o.relPath);
    const { changes: found, notices } = changesFrom(
      this.withWaitingDeletions(observations.filter((o) => !inFlight.has(o.relPath))),
      (relPath) => this.manifest.atPath(relPath),
    );
    const changes = this.settleDeletions(found);
    const fixed = new Set(observations.filter((o) => o.state !== 'refused').map((o) => o.relPath));
    this.importNotices = [
      ...this.importNotices.filter(
        (n) => !fixed.has(n.relPath) && !notices.some((m) => m.relPath === n.relPath),
      ),
      ...notices,
    ];
    if (changes.length > 0) this.send(changes, () => undefined, true);
    else if (notices.length > 0) this.opts.onState?.();
  }
}
