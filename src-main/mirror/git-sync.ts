import type {
  FolderChange,
  FolderNotice,
  MirrorSettings,
  MirrorStatus,
} from '../../src-shared/bridge/git.js';
import { commitMessage, type CommittedItem } from '../../src-shared/mirror/commit-message.js';
import { itemForFile } from '../../src-shared/mirror/naming.js';
import { UNKNOWN_BASE } from '../../src-shared/mirror/outside-edit.js';
import { GitError } from '../git/errors.js';
import { GitRepo, type Author, type FileChange } from '../git/repo.js';
import { SerialQueue } from '../git/run.js';
import { diskHash, hashOf, inBatches, insideFolder, textOf } from './disk.js';
import type { FolderMirror } from './folder-mirror.js';
import { ReleaseTagPushes, type TagPushOutcome } from './release-tag-push.js';

type GitSettings = MirrorSettings['git'];

/** Files read at once when a pull compares the folder with the remote. */
const PARALLEL_READS = 32;
type GitState = MirrorStatus['git'];

export interface GitSyncOptions {
  mirror: FolderMirror;
  author: Author;
  settings: GitSettings;
  /** Asks for a network step: in the app a sync queue entry (so travel mode and backoff apply), in tests at once. */
  requestNetwork(step: 'push' | 'pull'): void;
  onState?(): void;
  /** How long a "minute" of the commit timers lasts (tests shorten it). */
  minuteMs?: number;
  /** How long a pull waits for the app to take in the remote's changes. */
  importTimeoutMs?: number;
}

/**
 * Git sync of the mirror folder. Commits are Tether's own (after edits
 * settle, on an interval, or "Commit now"), never empty, and list the items
 * changed. A pull fetches, imports what the remote changed as ops through
 * the mirror, and moves HEAD to the remote's commit: it never makes a commit
 * of its own, and local work not on the remote is committed on top of it by
 * the next Tether commit (like a rebase).
 */
export class GitSync {
  private readonly steps = new SerialQueue();
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private state: GitState;
  private readonly tagPushes: ReleaseTagPushes;
  notices: FolderNotice[] = [];

  private constructor(
    readonly repo: GitRepo,
    private readonly opts: GitSyncOptions,
  ) {
    this.tagPushes = new ReleaseTagPushes(repo);
    this.state = {
      enabled: true,
      busy: 'idle',
      remote: opts.settings.remoteUrl,
      ahead: 0,
      behind: 0,
      lastCommit: null,
      error: null,
      errorRetryable: false,
      tagsRefused: [],
      pushAsked: false,
    };
  }

  static async open(opts: GitSyncOptions): Promise<GitSync> {
    const sync = new GitSync(await GitRepo.open(opts.mirror.folder), opts);
    await sync.configure(opts.settings);
    // Release tags made before the last quit (or crash) and not pushed yet.
    if ((await sync.tagPushes.pending()).length > 0) sync.autoPush();
    return sync;
  }

  get status(): GitState {
    return { ...this.state, tagsRefused: [...this.state.tagsRefused] };
  }

  async configure(settings: GitSettings): Promise<void> {
    this.opts.settings = settings;
    if (settings.remoteUrl) await this.repo.setRemote(settings.remoteUrl);
    this.state.remote = settings.remoteUrl ?? (await this.repo.remoteUrl());
    this.stopTimers();
    if (settings.autoCommit === 'interval') {
      this.interval = setInterval(() => void this.commitNow().catch(() => undefined), this.commitDelay());
    }
    await this.refresh();
  }

  /** The mirror wrote files: with "after edits settle", the commit waits until N quiet minutes passed. */
  edited(): void {
    if (this.opts.settings.autoCommit !== 'settled') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.commitNow().catch(() => undefined);
    }, this.commitDelay());
  }

  /**
   * Writes pending exports and commits them; null when nothing changed (no
   * empty commit). With auto-push a push is asked for, unless the caller asks
   * for it later itself (release tags: after they exist).
   */
  commitNow({ requestPush = true } = {}): Promise<{ sha: string; subject: string } | null> {
    return this.step('committing', async () => {
      await this.opts.mirror.flush();
      const manifest = this.opts.mirror.manifest;
      const commit = await this.commitAndRecord();
      if (!commit) return null;
      await manifest.save();
      if (requestPush) this.autoPush();
      return commit;
    });
  }

  /** Fetch, then import the remote's changes as ops; HEAD then moves to the remote's commit. */
  pull(): Promise<string> {
    return this.step('pulling', async () => {
      const remote = await this.repo.fetch();
      if (!remote) return 'The remote has nothing to pull yet.';
      const head = await this.repo.head();
      const base = head ? await this.repo.mergeBase(head, remote) : null;
      if (base === remote) return 'Already up to date.';
      const imported = await this.importRange(base, remote);
      await this.opts.mirror.flush();
      await this.repo.moveHeadTo(remote);
      return imported === 0
        ? 'Up to date with the remote.'
        : `Pulled ${imported} changed item${imported === 1 ? '' : 's'}.`;
    });
  }

  /**
   * Pushes the branch (a remote that moved on is pulled first, then the push
   * goes again), then the release tags made here, never forced.
   */
  push(): Promise<string> {
    return this.step('pushing', async () => {
      try {
        await this.repo.push();
      } catch (error) {
        if (!(error instanceof GitError) || error.reason !== 'rejected') throw error;
        await this.pullInside();
        await this.commitInside();
        await this.repo.push();
      }
      const tags = await this.tagPushes.push();
      this.state.pushAsked = false;
      this.state.tagsRefused = tags.refused.map((r) => r.tag);
      return pushedWords(tags);
    });
  }

  /**
   * Release tags were made here (and maybe a commit for them): they go with
   * the next push, asked for at once with auto-push.
   */
  async releaseTagged(tags: readonly string[], committed: boolean): Promise<void> {
    for (const tag of tags) await this.tagPushes.add(tag);
    if (tags.length > 0 || committed) this.autoPush();
  }

  close(): void {
    this.stopTimers();
  }

  // ---- internals ----

  /** pull() and commitNow() bodies, for push to run inside its own step. */
  private async pullInside(): Promise<void> {
    const remote = await this.repo.fetch();
    const head = await this.repo.head();
    if (!remote || !head) return;
    const base = await this.repo.mergeBase(head, remote);
    if (base === remote) return;
    await this.importRange(base, remote);
    await this.opts.mirror.flush();
    await this.repo.moveHeadTo(remote);
  }

  private async commitInside(): Promise<void> {
    await this.opts.mirror.flush();
    if (await this.commitAndRecord()) await this.opts.mirror.manifest.save();
  }

  /** Commits the folder and records the head op of each file the commit touched. */
  private async commitAndRecord(): Promise<{ sha: string; subject: string } | null> {
    let touched: string[] = [];
    const commit = await this.repo.commitAll((changes) => {
      touched = changes.map((change) => change.path);
      return commitMessage(changes.map(labelOf));
    }, this.opts.author);
    if (!commit) return null;
    const manifest = this.opts.mirror.manifest;
    const heads: Record<string, string> = {};
    for (const relPath of touched) {
      const entry = manifest.atPath(relPath);
      if (entry) heads[relPath] = entry.head;
    }
    manifest.recordCommit(commit.sha, heads);
    return commit;
  }

  private async importRange(base: string | null, remote: string): Promise<number> {
    const files = await this.repo.diff(base, remote);
    const changes: FolderChange[] = [];
    const notices: FolderNotice[] = [];
    const theirs = await this.repo.readFiles(
      remote,
      files.filter((f) => f.status !== 'D').map((f) => f.path),
    );
    const before = base
      ? await this.repo.readFiles(
          base,
          files.map((f) => f.path),
        )
      : new Map<string, Buffer>();
    const local = await this.localHashes(files.map((f) => f.path));
    for (const file of files) {
      const change = await this.changeFor(
        file,
        { theirs: theirs.get(file.path), before: before.get(file.path), local: local.get(file.path) ?? null },
        base,
        notices,
      );
      if (change) changes.push(change);
    }
    this.notices = notices;
    const applied = await this.opts.mirror.importChanges(changes, this.opts.importTimeoutMs ?? 30_000);
    const manifest = this.opts.mirror.manifest;
    const heads: Record<string, string> = {};
    for (const result of applied.results) if (result.ok && result.head) heads[result.relPath] = result.head;
    for (const result of applied.results) {
      if (!result.ok)
        notices.push({ relPath: result.relPath, message: `Not imported: ${result.message ?? ''}` });
    }
    manifest.recordCommit(remote, heads);
    await manifest.save();
    return applied.results.filter((r) => r.ok).length;
  }

  /**
   * One file the remote changed, as a change for the store. Its base is the
   * op the file came from: the last written one when the file is unchanged
   * here since the common commit, else the one recorded for that commit, so
   * an item changed on both sides becomes a conflict.
   */
  private async changeFor(
    file: FileChange,
    { theirs, before, local }: { theirs?: Buffer; before?: Buffer; local: string | null },
    base: string | null,
    notices: FolderNotice[],
  ): Promise<FolderChange | null> {
    const naming = itemForFile(file.path);
    if (!naming.ok) {
      if (!naming.quiet) notices.push({ relPath: file.path, message: `Not imported: ${naming.reason}.` });
      return null;
    }
    const entry = this.opts.mirror.manifest.atPath(file.path);
    const localUnchanged = local === (before ? hashOf(before) : null);
    const since = localUnchanged ? (entry?.head ?? null) : await this.headAt(base, file.path);
    if (file.status === 'D')
      return entry ? { type: 'delete', relPath: file.path, itemId: entry.itemId, base: since } : null;
    const content = theirs ? textOf(theirs) : null;
    if (content === null) {
      notices.push({ relPath: file.path, message: 'Not imported: it is a binary file, not text.' });
      return null;
    }
    if (local === hashOf(theirs ?? '')) return null;
    if (!entry) return { type: 'create', relPath: file.path, path: naming.path, kind: naming.kind, content };
    return { type: 'edit', relPath: file.path, itemId: entry.itemId, content, base: since };
  }

  /** The files as they are in the folder now (null: not there), read side by side. */
  private async localHashes(relPaths: readonly string[]): Promise<Map<string, string | null>> {
    const hashes = new Map<string, string | null>();
    await inBatches(relPaths, PARALLEL_READS, async (relPath) => {
      const full = insideFolder(this.opts.mirror.folder, relPath);
      hashes.set(relPath, full ? await diskHash(full) : null);
    });
    return hashes;
  }

  private async headAt(base: string | null, relPath: string): Promise<string> {
    if (!base) return UNKNOWN_BASE;
    const sha = await this.repo.lastCommitTouching(base, relPath);
    return (sha && this.opts.mirror.manifest.headIn(sha, relPath)) || UNKNOWN_BASE;
  }

  private async step<T>(busy: GitState['busy'], task: () => Promise<T>): Promise<T> {
    return this.steps.run(async () => {
      this.state.busy = busy;
      this.opts.onState?.();
      try {
        const result = await task();
        this.state.error = null;
        this.state.errorRetryable = false;
        return result;
      } catch (error) {
        this.state.error = error instanceof Error ? error.message : String(error);
        this.state.errorRetryable = error instanceof GitError && error.retryable;
        throw error;
      } finally {
        this.state.busy = 'idle';
        await this.refresh().catch(() => undefined);
      }
    });
  }

  private async refresh(): Promise<void> {
    const [counts, last] = await Promise.all([this.repo.aheadBehind(), this.repo.lastCommit()]);
    this.state.ahead = counts?.ahead ?? 0;
    this.state.behind = counts?.behind ?? 0;
    this.state.lastCommit = last;
    this.opts.onState?.();
  }

  private autoPush(): void {
    if (!this.opts.settings.autoPush || !this.state.remote) return;
    this.state.pushAsked = true;
    this.opts.requestNetwork('push');
  }

  private commitDelay(): number {
    return this.opts.settings.commitMinutes * (this.opts.minuteMs ?? 60_000);
  }

  private stopTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    this.timer = null;
    this.interval = null;
  }
}

function pushedWords({ pushed, refused }: TagPushOutcome): string {
  const sent = pushed.length ? ` Tags pushed: ${pushed.join(', ')}.` : '';
  const kept = refused.map(({ tag, reason }) => {
    const why = /already exists/.test(reason)
      ? 'the remote has a tag of that name on another commit, and Tether never moves a tag'
      : `the remote refused it (${reason})`;
    return ` Tag ${tag} not pushed: ${why}.`;
  });
  return `Pushed.${sent}${kept.join('')}`;
}

function labelOf(change: FileChange): CommittedItem {
  const naming = itemForFile(change.path);
  return { status: change.status, label: naming.ok ? naming.path : change.path, isItem: naming.ok };
}
