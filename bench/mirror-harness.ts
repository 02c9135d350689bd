/**
 * Used by tests and benches only: a real workspace (RxDB on fake-indexeddb)
 * fed to a real folder mirror in a temp folder, wired the way the app wires
 * them (the bridge replaced by direct calls), with git sync when asked.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FolderChanges, MirrorSettings } from '../src-shared/bridge/git.js';
import { FolderMirror } from '../src-main/mirror/folder-mirror.js';
import { GitSync } from '../src-main/mirror/git-sync.js';
import { MirrorFeed, type MirrorPort } from '../src-renderer/mirror/mirror-feed.js';
import { openFixture, type TestTime } from '../src-renderer/workspace/testing.js';

export interface MirrorHarnessOptions {
  folder?: string;
  dataDir?: string;
  dbName?: string;
  userName?: string;
  debounceMs?: number;
  git?: Partial<MirrorSettings['git']>;
  /** How long a "minute" of the commit timers lasts (tests shorten it). */
  minuteMs?: number;
  time?: TestTime;
}

export async function openMirrorHarness(opts: MirrorHarnessOptions = {}) {
  const folder = opts.folder ?? (await mkdtemp(join(tmpdir(), 'tether-folder-')));
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'tether-data-')));
  const fx = await openFixture({
    ...(opts.dbName ? { name: opts.dbName } : {}),
    ...(opts.time ? { time: opts.time } : {}),
    userName: opts.userName ?? 'ada',
  });
  const listeners = new Set<(batch: FolderChanges) => void>();
  let git: GitSync | null = null;
  const mirror = await FolderMirror.open({
    folder,
    dataDir,
    debounceMs: opts.debounceMs ?? 50,
    watchBatchMs: 100,
    emitChanges: (batch) => {
      if (process.env.MIRROR_DEBUG) console.log(JSON.stringify(batch.changes));
      listeners.forEach((listener) => listener(batch));
    },
    onExported: () => git?.edited(),
  });
  const port: MirrorPort = {
    publish: async (publish) => mirror.publish(publish),
    applied: (applied) => {
      if (process.env.MIRROR_DEBUG) console.log(JSON.stringify(applied.results));
      return mirror.applied(applied);
    },
    onChanges: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const feed = new MirrorFeed(fx.ws, port);
  feed.start();
  git = opts.git
    ? await GitSync.open({
        mirror,
        author: { name: opts.userName ?? 'ada', email: `${opts.userName ?? 'ada'}@tether.local` },
        settings: {
          enabled: true,
          autoCommit: 'off',
          commitMinutes: 1,
          autoPush: false,
          remoteUrl: null,
          ...opts.git,
        },
        minuteMs: opts.minuteMs ?? 60_000,
        importTimeoutMs: 10_000,
        requestNetwork: (step) => void (step === 'push' ? git?.push() : git?.pull())?.catch(() => undefined),
      })
    : null;
  return {
    ...fx,
    folder,
    dataDir,
    mirror,
    feed,
    git,
    read: (relPath: string) => readFile(join(folder, relPath), 'utf8'),
    /** Waits until the view's edits are in the folder. */
    exported: async () => {
      await feed.settled();
      await mirror.flush();
    },
    close: async (removeFolders = true) => {
      feed.stop();
      git?.close();
      await mirror.close();
      await fx.close();
      if (removeFolders) {
        await rm(folder, { recursive: true, force: true });
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export type MirrorHarness = Awaited<ReturnType<typeof openMirrorHarness>>;

/** Polls until `check` passes (it throws or returns false until then). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 8_000,
): Promise<Exclude<T, false>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      if (Date.now() > until) throw new Error('timed out waiting');
    } catch (error) {
      if (Date.now() > until) throw error;
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}
