import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ManifestEntry } from '../../src-shared/mirror/changes.js';

/** A planned file write or removal, journaled before it happens. */
export interface PlannedWrite {
  relPath: string;
  /** null: the file is removed. */
  hash: string | null;
  itemId: string;
  head: string;
}

interface SavedState {
  folder: string;
  branchId: string | null;
  entries: ManifestEntry[];
  /**
   * commit → the op each file that commit touched came from (finds the base of a conflict on
   * pull). Older manifests kept every file for every commit; lookups read both alike.
   */
  commits: Record<string, Record<string, string>>;
}

/**
 * Commits whose file heads are kept. Each holds only the files it touched, so the record grows
 * with the edits, not with commits × files; past this many the oldest go, and a pull whose base
 * is older than all of them treats its files as edited on both sides (a conflict, nothing lost).
 */
export const MAX_KEPT_COMMITS = 2_000;

/**
 * What Tether last wrote to the mirror folder: per item its file, content
 * hash and source op. Kept in Tether's data folder, never in the mirror (so it
 * is never committed), with a journal of the export in progress so a crash
 * half way leaves a state we can check against the disk and finish.
 */
export class Manifest {
  private byItem = new Map<string, ManifestEntry>();
  private byPath = new Map<string, ManifestEntry>();
  branchId: string | null = null;
  commits: Record<string, Record<string, string>> = {};

  private constructor(
    private readonly dir: string,
    readonly folder: string,
  ) {}

  /** The state kept for `folder` in `dataDir` (another folder starts afresh). */
  static async load(dataDir: string, folder: string): Promise<Manifest> {
    const key = createHash('sha256').update(folder).digest('hex').slice(0, 16);
    const manifest = new Manifest(join(dataDir, 'mirror', key), folder);
    const text = await readFile(manifest.file, 'utf8').catch(() => null);
    if (text) {
      try {
        const saved = JSON.parse(text) as SavedState;
        if (saved.folder === folder) {
          for (const entry of saved.entries) manifest.set(entry);
          manifest.branchId = saved.branchId;
          manifest.commits = saved.commits ?? {};
        }
      } catch {
        // A damaged manifest only costs a rescan: every file then compares by content.
      }
    }
    return manifest;
  }

  private get file(): string {
    return join(this.dir, 'manifest.json');
  }

  private get journalFile(): string {
    return join(this.dir, 'export-journal.json');
  }

  entries(): IterableIterator<ManifestEntry> {
    return this.byItem.values();
  }

  ofItem(itemId: string): ManifestEntry | undefined {
    return this.byItem.get(itemId);
  }

  atPath(relPath: string): ManifestEntry | undefined {
    return this.byPath.get(relPath);
  }

  set(entry: ManifestEntry): void {
    this.drop(entry.itemId);
    const other = this.byPath.get(entry.relPath);
    if (other) this.byItem.delete(other.itemId);
    this.byItem.set(entry.itemId, entry);
    this.byPath.set(entry.relPath, entry);
  }

  drop(itemId: string): void {
    const old = this.byItem.get(itemId);
    if (!old) return;
    this.byItem.delete(itemId);
    if (this.byPath.get(old.relPath) === old) this.byPath.delete(old.relPath);
  }

  clear(): void {
    this.byItem.clear();
    this.byPath.clear();
  }

  /** Remembers which op each file `sha` touched came from (only those files). */
  recordCommit(sha: string, heads: Record<string, string>): void {
    delete this.commits[sha]; // re-recorded: now the newest
    this.commits[sha] = heads;
    const shas = Object.keys(this.commits);
    for (const old of shas.slice(0, Math.max(0, shas.length - MAX_KEPT_COMMITS))) delete this.commits[old];
  }

  /** The op `relPath` came from in commit `sha`, if that commit touched it and is still kept. */
  headIn(sha: string, relPath: string): string | undefined {
    return this.commits[sha]?.[relPath];
  }

  private saving: Promise<void> = Promise.resolve();

  /** Saves run one after another, so an older state never lands after a newer one. */
  save(): Promise<void> {
    const next = this.saving.then(() => this.saveNow());
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async saveNow(): Promise<void> {
    const state: SavedState = {
      folder: this.folder,
      branchId: this.branchId,
      entries: [...this.byItem.values()],
      commits: this.commits,
    };
    await writeJson(this.file, state);
  }

  async beginExport(plan: readonly PlannedWrite[]): Promise<void> {
    await writeJson(this.journalFile, plan);
  }

  async endExport(): Promise<void> {
    await rm(this.journalFile, { force: true });
  }

  /** The export a crash interrupted, if any. */
  async interruptedExport(): Promise<PlannedWrite[] | null> {
    const text = await readFile(this.journalFile, 'utf8').catch(() => null);
    if (!text) return null;
    try {
      return JSON.parse(text) as PlannedWrite[];
    } catch {
      return [];
    }
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, JSON.stringify(value));
  await rename(temp, file);
}
