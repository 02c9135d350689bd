import type { MirrorItem, MirrorPublish, FolderNotice } from '../../src-shared/bridge/git.js';
import { fileNameFor } from '../../src-shared/mirror/naming.js';
import { diskHash, hashOf, inBatches, insideFolder, removeFile, writeAtomically } from './disk.js';
import type { Manifest, PlannedWrite } from './manifest.js';

/** Files written at once: enough to keep the disk busy, few enough not to run out of handles. */
const PARALLEL_WRITES = 32;

interface Step extends PlannedWrite {
  content: string | null;
  full: string;
}

/**
 * Store → files. Holds the current branch view as main last heard it, and on
 * flush writes only the files whose content hash changed, each atomically.
 * A file someone changed on disk since Tether wrote it is never overwritten
 * before that change was imported (its import may be a conflict to keep).
 */
export class Exporter {
  private readonly desired = new Map<string, MirrorItem>();
  private readonly dirty = new Set<string>();
  notices: FolderNotice[] = [];

  constructor(
    private readonly folder: string,
    private readonly manifest: Manifest,
  ) {}

  get pending(): number {
    return this.dirty.size;
  }

  accept(publish: MirrorPublish): void {
    if (publish.full) {
      for (const id of this.desired.keys()) this.dirty.add(id);
      for (const entry of this.manifest.entries()) this.dirty.add(entry.itemId);
      this.desired.clear();
    }
    for (const item of publish.upserts) {
      this.desired.set(item.itemId, item);
      this.dirty.add(item.itemId);
    }
    for (const id of publish.removes) {
      this.desired.delete(id);
      this.dirty.add(id);
    }
    this.manifest.branchId = publish.branchId;
  }

  markDirty(itemIds: Iterable<string>): void {
    for (const id of itemIds) this.dirty.add(id);
  }

  /** Writes what changed; returns the files written or removed. */
  async flush(): Promise<string[]> {
    if (this.dirty.size === 0) return [];
    const ids = [...this.dirty];
    this.dirty.clear();
    const targets = this.targets();
    const notices: FolderNotice[] = [];
    const steps: Step[] = [];
    const disk = await this.readDisk(ids, targets);
    for (const id of ids) steps.push(...this.plan(id, targets, notices, disk));
    this.notices = notices;
    if (steps.length === 0) {
      await this.manifest.save();
      return [];
    }
    await this.manifest.beginExport(
      steps.map(({ relPath, hash, itemId, head }) => ({ relPath, hash, itemId, head })),
    );
    // Removals first, so a file that moves into a freed name is never removed after it was written.
    await inBatches(
      steps.filter((step) => step.content === null),
      PARALLEL_WRITES,
      (step) => this.apply(step),
    );
    await inBatches(
      steps.filter((step) => step.content !== null),
      PARALLEL_WRITES,
      (step) => this.apply(step),
    );
    await this.manifest.save();
    await this.manifest.endExport();
    return steps.map((step) => step.relPath);
  }

  /** Where each wanted item's file goes, to tell a clash (two items, one file) from a move. */
  private targets(): Map<string, string> {
    const byPath = new Map<string, string>();
    for (const item of this.desired.values()) {
      const relPath = fileNameFor(item.path, item.kind);
      // Case-insensitive disks (macOS, Windows) would put Acme/a.ts and Acme/A.ts in one file.
      const key = relPath.toLowerCase();
      if (!byPath.has(key)) byPath.set(key, item.itemId);
    }
    return byPath;
  }

  /**
   * What the disk holds now, for every file the plan of these items looks at,
   * read side by side (a pull's export plans a thousand files). An item whose
   * file already says what it should (only its head op moved) needs no read.
   */
  private async readDisk(
    ids: readonly string[],
    targets: ReadonlyMap<string, string>,
  ): Promise<Map<string, string | null>> {
    const files = new Set<string>();
    for (const id of ids) {
      if (this.onlyHeadMoved(id, targets)) continue;
      const want = this.desired.get(id);
      const relPath = want ? fileNameFor(want.path, want.kind) : null;
      for (const rel of [this.manifest.ofItem(id)?.relPath, relPath]) {
        const full = rel ? insideFolder(this.folder, rel) : null;
        if (full) files.add(full);
      }
    }
    const hashes = new Map<string, string | null>();
    await inBatches([...files], PARALLEL_WRITES, async (full) => {
      hashes.set(full, await diskHash(full));
    });
    return hashes;
  }

  /** The item's file already says what it should, under its own name: only the op it came from moved on. */
  private onlyHeadMoved(id: string, targets: ReadonlyMap<string, string>): boolean {
    const want = this.desired.get(id);
    const have = this.manifest.ofItem(id);
    if (!want || !have) return false;
    const relPath = fileNameFor(want.path, want.kind);
    return (
      have.relPath === relPath &&
      targets.get(relPath.toLowerCase()) === id &&
      have.hash === hashOf(want.content)
    );
  }

  private plan(
    id: string,
    targets: ReadonlyMap<string, string>,
    notices: FolderNotice[],
    disk: ReadonlyMap<string, string | null>,
  ): Step[] {
    const want = this.desired.get(id);
    const have = this.manifest.ofItem(id);
    const haveFull = have ? insideFolder(this.folder, have.relPath) : null;
    const relPath = want ? fileNameFor(want.path, want.kind) : null;
    const hash = want ? hashOf(want.content) : null;
    // Nothing to read or write: the head is recorded, the file stays.
    if (want && have && this.onlyHeadMoved(id, targets)) {
      if (have.head !== want.head) this.manifest.set({ ...have, head: want.head });
      return [];
    }
    // Someone changed the file since Tether wrote it: its import decides (nothing is overwritten).
    if (have && haveFull && disk.get(haveFull) !== have.hash) return [];
    const steps: Step[] = [];
    if (!want || !relPath || !hash) {
      if (have && haveFull) steps.push({ ...have, hash: null, content: null, full: haveFull });
      return steps;
    }
    const full = insideFolder(this.folder, relPath);
    if (!full) return steps;
    if (targets.get(relPath.toLowerCase()) !== id) {
      notices.push({
        relPath,
        message: `Not written: another item already uses this file name (${want.path}).`,
      });
      return steps;
    }
    const occupant = this.manifest.atPath(relPath);
    const onDisk = disk.get(full) ?? null;
    if (!have || have.relPath !== relPath) {
      if (onDisk === hash) {
        // The file already says this (a file the user made, now the item): adopt it, write nothing.
        this.manifest.set({ itemId: id, relPath, hash, head: want.head });
        if (have && haveFull) steps.push({ ...have, hash: null, content: null, full: haveFull });
        return steps;
      }
      if (onDisk !== null && (!occupant || occupant.hash !== onDisk)) {
        notices.push({
          relPath,
          message: `Not written: a file Tether did not write is already there (${want.path}).`,
        });
        return steps;
      }
    }
    steps.push({ relPath, hash, itemId: id, head: want.head, content: want.content, full });
    if (have && haveFull && have.relPath !== relPath)
      steps.push({ ...have, hash: null, content: null, full: haveFull });
    return steps;
  }

  private async apply(step: Step): Promise<void> {
    if (step.content === null) {
      if (this.manifest.ofItem(step.itemId)?.relPath === step.relPath) this.manifest.drop(step.itemId);
      await removeFile(this.folder, step.full);
      return;
    }
    // Recorded before the write, so the watcher knows the file as Tether's own the moment it lands.
    this.manifest.set({ itemId: step.itemId, relPath: step.relPath, hash: step.hash ?? '', head: step.head });
    await writeAtomically(step.full, step.content);
  }
}
