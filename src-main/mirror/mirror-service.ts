import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { BridgeError, type EmitEvent } from '../../src-shared/bridge/contract.js';
import {
  MirrorSettingsSchema,
  type FolderApplied,
  type MirrorPublish,
  type MirrorSettings,
  type MirrorStatus,
} from '../../src-shared/bridge/git.js';
import { gitFailureKind } from '../../src-shared/mirror/git-queue.js';
import type { ReleaseTag, ReleaseTagResult } from '../../src-shared/mirror/release-tag.js';
import { GitError } from '../git/errors.js';
import { FolderMirror } from './folder-mirror.js';
import { GitSync } from './git-sync.js';
import { tagRelease } from './release-tags.js';

const SETTINGS_FILE = 'mirror-settings.json';

export interface MirrorServiceDeps {
  dataDir: string;
  userName: string;
  emit: EmitEvent;
  /** Travel mode: git's network steps are refused (their queue entries wait until it is off). */
  travelMode(): boolean;
}

/**
 * The profile's folder mirror and its git sync, as the bridge sees them:
 * settings kept in main's data folder, the mirror (re)opened when the folder
 * changes, and one status for the status bar and the tray.
 */
export class MirrorService {
  private settings: MirrorSettings = MirrorSettingsSchema.parse({});
  private mirror: FolderMirror | null = null;
  private git: GitSync | null = null;
  private error: string | null = null;
  private readonly listeners = new Set<(status: MirrorStatus) => void>();

  private constructor(private readonly deps: MirrorServiceDeps) {}

  static async create(deps: MirrorServiceDeps): Promise<MirrorService> {
    const service = new MirrorService(deps);
    const text = await readFile(join(deps.dataDir, SETTINGS_FILE), 'utf8').catch(() => null);
    const parsed = text ? MirrorSettingsSchema.safeParse(safeJson(text)) : null;
    if (parsed?.success) service.settings = parsed.data;
    await service.start().catch(() => undefined);
    return service;
  }

  getSettings(): MirrorSettings {
    return this.settings;
  }

  async setSettings(next: MirrorSettings): Promise<MirrorSettings> {
    const folder = next.folder === null ? null : checkFolder(next.folder);
    const before = this.settings;
    this.settings = { ...next, folder };
    await this.save();
    if (before.folder !== folder || before.git.enabled !== next.git.enabled || !this.mirror) {
      await this.stop();
      await this.start();
    } else {
      this.mirror.setDebounce(next.debounceMs);
      await this.git?.configure(next.git).catch((e: unknown) => this.fail(e));
    }
    this.deps.emit('mirror.settingsChanged', this.settings);
    this.changed();
    return this.settings;
  }

  publish(publish: MirrorPublish): void {
    if (this.settings.autoSync) this.mirror?.publish(publish);
  }

  applied(applied: FolderApplied): Promise<void> {
    return this.mirror?.applied(applied) ?? Promise.resolve();
  }

  status(): MirrorStatus {
    const git = this.git?.status;
    const notices = [...(this.mirror?.notices ?? []), ...(this.git?.notices ?? [])].slice(0, 50);
    return {
      state: !this.settings.folder ? 'off' : this.error ? 'failing' : (this.mirror?.state ?? 'waiting'),
      folder: this.settings.folder,
      error: this.error,
      notices,
      git: git ?? {
        enabled: false,
        busy: 'idle',
        remote: null,
        ahead: 0,
        behind: 0,
        lastCommit: null,
        error: null,
        errorRetryable: false,
        tagsRefused: [],
        pushAsked: false,
      },
    };
  }

  onStatus(listener: (status: MirrorStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async commitNow(): Promise<{ message: string }> {
    const commit = await asBridgeError(() => this.requireGit().commitNow());
    return {
      message: commit
        ? `Committed: ${commit.subject}`
        : 'Nothing to commit: the folder matches the last commit.',
    };
  }

  /** Runs a pull now: the renderer's sync queue calls it when the entry's turn comes. */
  async pull(): Promise<{ message: string }> {
    this.refuseInTravel();
    return { message: await asBridgeError(() => this.requireGit().pull()) };
  }

  /** Runs a push now (as pull). */
  async push(): Promise<{ message: string }> {
    this.refuseInTravel();
    return { message: await asBridgeError(() => this.requireGit().push()) };
  }

  /** A promoted release as a tag of the mirror's repository; 'off' while git sync is off. */
  async tagRelease(tags: readonly ReleaseTag[]): Promise<ReleaseTagResult[]> {
    if (!this.git) return tags.map((tag) => ({ state: 'off', tag: tag.tag }));
    const author = { name: this.deps.userName, email: `${this.deps.userName}@tether.local` };
    return asBridgeError(() => tagRelease(this.requireGit(), tags, author));
  }

  /** Writes pending exports within `timeoutMs` (quit), then stops watching. */
  async dispose(timeoutMs = 5_000): Promise<void> {
    this.git?.close();
    await this.mirror?.close(timeoutMs);
  }

  // ---- internals ----

  private async start(): Promise<void> {
    const { folder } = this.settings;
    this.error = null;
    if (!folder) return;
    try {
      this.mirror = await FolderMirror.open({
        folder,
        dataDir: this.deps.dataDir,
        debounceMs: this.settings.debounceMs,
        emitChanges: (batch) => this.deps.emit('mirror.changes', batch),
        onState: () => this.changed(),
        onExported: () => this.git?.edited(),
      });
      if (this.settings.git.enabled) {
        this.git = await GitSync.open({
          mirror: this.mirror,
          author: { name: this.deps.userName, email: `${this.deps.userName}@tether.local` },
          settings: this.settings.git,
          requestNetwork: (step) => this.requestNetwork(step),
          onState: () => this.changed(),
        });
      }
    } catch (error) {
      this.fail(error);
    }
    this.changed();
  }

  private async stop(): Promise<void> {
    this.git?.close();
    this.git = null;
    const mirror = this.mirror;
    this.mirror = null;
    await mirror?.close();
  }

  /** Auto-push: the renderer puts it in the sync queue, which runs it when travel mode and the network allow. */
  private requestNetwork(step: 'push' | 'pull'): void {
    this.deps.emit('git.networkRequested', { step });
  }

  private requireGit(): GitSync {
    if (!this.git) {
      throw new BridgeError({
        code: 'bad_request',
        message: this.settings.folder
          ? 'Git sync is off for this folder: turn it on in Settings → Folder & Git.'
          : 'Choose a folder in Settings → Folder & Git first.',
        retryable: false,
      });
    }
    return this.git;
  }

  private refuseInTravel(): void {
    if (this.deps.travelMode()) {
      throw new BridgeError({
        code: 'offline',
        message: 'Travel mode is on: pulling and pushing wait in the sync queue until it is off.',
        retryable: true,
      });
    }
  }

  private fail(error: unknown): void {
    this.error = error instanceof GitError || error instanceof Error ? error.message : String(error);
  }

  private changed(): void {
    const status = this.status();
    this.deps.emit('mirror.statusChanged', status);
    for (const listener of this.listeners) listener(status);
  }

  private async save(): Promise<void> {
    const file = join(this.deps.dataDir, SETTINGS_FILE);
    await mkdir(this.deps.dataDir, { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(this.settings, null, 2));
    await rename(`${file}.tmp`, file);
  }
}

/** The folder must be an absolute path; the mirror never writes into Tether's own data. */
function checkFolder(folder: string): string {
  if (!isAbsolute(folder)) {
    throw new BridgeError({
      code: 'bad_request',
      message: 'The folder must be a full path (like /home/ada/tether-items).',
      retryable: false,
    });
  }
  return resolve(folder);
}

/**
 * Git's failure as a bridge error: its plain words, and a code the sync
 * queue reads the way src-shared/mirror/git-queue.ts says (try again later,
 * or wait for the user).
 */
async function asBridgeError<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const kind = gitFailureKind(error.reason);
    const refusal = new BridgeError({
      code: kind === 'refused' ? 'conflict' : 'internal',
      message: error.message,
      retryable: kind !== 'refused',
    });
    // git's own words go to main's log with the refusal (dispatch reports an internal error's cause).
    if (error.stderr) refusal.cause = error.stderr;
    throw refusal;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
