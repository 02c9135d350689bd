import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError } from './errors.js';
import { queueFor, runGit, runGitBuffer, type SerialQueue } from './run.js';

/** git's empty tree: the "before" of a repository with no commit yet. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
/** Network commands give up after this long (the queue entry then backs off and retries). */
export const NETWORK_TIMEOUT_MS = 60_000;
/** Never committed: the mirror's half-written temp files, should a crash leave one. */
export const TEMP_SUFFIX = '.tether-tmp';

export interface StatusEntry {
  /** Two status letters, as `git status --porcelain`. */
  code: string;
  path: string;
  /** The old path of a rename. */
  from?: string;
}

export interface FileChange {
  status: 'A' | 'M' | 'D';
  path: string;
}

export interface Author {
  name: string;
  email: string;
}

export type TagPush = { state: 'pushed' } | { state: 'refused'; reason: string };

export interface CommitInfo {
  sha: string;
  subject: string;
  at: number;
}

/**
 * One repository Tether writes, through system git. Every method goes through
 * the folder's serial queue; composite steps (add + commit) run as one task so
 * nothing slips in between.
 */
export class GitRepo {
  private readonly queue: SerialQueue;

  private constructor(
    readonly dir: string,
    private readonly networkTimeoutMs: number,
  ) {
    this.queue = queueFor(dir);
  }

  /** Opens the repository at `dir`, creating it (branch main) when the folder is not one yet. */
  static async open(dir: string, opts: { networkTimeoutMs?: number } = {}): Promise<GitRepo> {
    const repo = new GitRepo(dir, opts.networkTimeoutMs ?? NETWORK_TIMEOUT_MS);
    await repo.queue.run(() => repo.prepare());
    return repo;
  }

  static async isRepo(dir: string): Promise<boolean> {
    return (await stat(join(dir, '.git')).catch(() => null)) !== null;
  }

  private async prepare(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (!(await GitRepo.isRepo(this.dir))) await this.git(['init', '-q', '-b', 'main']);
    // Objects and refs reach the disk before git says "done" (git's default may lose them on power loss).
    await this.git(['config', 'core.fsync', 'committed,index']);
    await this.git(['config', 'core.fsyncMethod', 'batch']);
    await this.excludeTempFiles();
  }

  /** info/exclude lives in .git, so the rule is never part of what the folder commits. */
  private async excludeTempFiles(): Promise<void> {
    const file = join(this.dir, '.git', 'info', 'exclude');
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes(`*${TEMP_SUFFIX}`)) return;
    await mkdir(join(this.dir, '.git', 'info'), { recursive: true });
    await writeFile(file, `${text}${text.endsWith('\n') || !text ? '' : '\n'}*${TEMP_SUFFIX}\n`);
  }

  status(): Promise<StatusEntry[]> {
    return this.queue.run(async () =>
      parseStatus(await this.git(['status', '--porcelain=v1', '-z', '--untracked-files=all'])),
    );
  }

  /** Stages everything and commits it; null (and no commit) when nothing changed. */
  commitAll(message: (changes: FileChange[]) => string, author: Author): Promise<CommitInfo | null> {
    return this.queue.run(async () => {
      await this.git(['add', '-A']);
      const changes = parseNameStatus(
        await this.git(['diff', '--cached', '--name-status', '--no-renames', '-z']),
      );
      if (changes.length === 0) return null;
      const env = {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      };
      await this.git(['commit', '-q', '--no-verify', '-F', '-'], { input: message(changes), env });
      return this.lastCommitNow();
    });
  }

  head(): Promise<string | null> {
    return this.queue.run(() => this.headNow());
  }

  branch(): Promise<string> {
    return this.queue.run(async () => (await this.git(['symbolic-ref', '--short', 'HEAD'])).trim());
  }

  lastCommit(): Promise<CommitInfo | null> {
    return this.queue.run(() => this.lastCommitNow());
  }

  remoteUrl(): Promise<string | null> {
    return this.queue.run(async () => {
      const out = await this.git(['config', '--get', 'remote.origin.url']).catch(() => '');
      return out.trim() || null;
    });
  }

  setRemote(url: string): Promise<void> {
    return this.queue.run(async () => {
      const had = await this.git(['config', '--get', 'remote.origin.url']).catch(() => '');
      await this.git(had.trim() ? ['remote', 'set-url', 'origin', url] : ['remote', 'add', 'origin', url]);
    });
  }

  /** Fetches origin's branch of the same name; the remote-tracking ref it leaves, or null when the remote has none. */
  fetch(): Promise<string | null> {
    return this.queue.run(async () => {
      const branch = (await this.git(['symbolic-ref', '--short', 'HEAD'])).trim();
      await this.git(['fetch', '--quiet', '--no-tags', 'origin'], { network: true });
      return this.resolve(`refs/remotes/origin/${branch}`);
    });
  }

  push(): Promise<void> {
    return this.queue.run(async () => {
      const branch = (await this.git(['symbolic-ref', '--short', 'HEAD'])).trim();
      if (!(await this.headNow())) return;
      await this.git(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], { network: true });
      // Keep origin/<branch> current without another fetch, so ahead/behind is right at once.
      await this.git(['update-ref', `refs/remotes/origin/${branch}`, 'HEAD']);
    });
  }

  /** Commits HEAD has that origin's branch lacks, and the other way round (as of the last fetch). */
  aheadBehind(): Promise<{ ahead: number; behind: number } | null> {
    return this.queue.run(async () => {
      const branch = (await this.git(['symbolic-ref', '--short', 'HEAD'])).trim();
      const remote = await this.resolve(`refs/remotes/origin/${branch}`);
      const head = await this.headNow();
      // The remote has no copy of this branch yet (never pushed, or an empty remote): every commit is ahead.
      if (!remote)
        return head ? { ahead: Number(await this.git(['rev-list', '--count', 'HEAD'])), behind: 0 } : null;
      if (!head) return { ahead: 0, behind: Number(await this.git(['rev-list', '--count', remote])) };
      const [ahead, behind] = (await this.git(['rev-list', '--left-right', '--count', `HEAD...${remote}`]))
        .trim()
        .split(/\s+/)
        .map(Number);
      return { ahead: ahead ?? 0, behind: behind ?? 0 };
    });
  }

  /** The newest commit both have; null when they share none (or HEAD has no commit yet). */
  mergeBase(a: string, b: string): Promise<string | null> {
    return this.queue.run(async () => {
      const out = await this.git(['merge-base', a, b]).catch(() => '');
      return out.trim() || null;
    });
  }

  /** Files that differ from `base` (null: the empty tree) to `target`. */
  diff(base: string | null, target: string): Promise<FileChange[]> {
    return this.queue.run(async () =>
      parseNameStatus(
        await this.git(['diff', '--name-status', '--no-renames', '-z', base ?? EMPTY_TREE, target]),
      ),
    );
  }

  /** The contents of `paths` at `rev`, in one git process. */
  readFiles(rev: string, paths: readonly string[]): Promise<Map<string, Buffer>> {
    return this.queue.run(() => this.readFilesNow(rev, paths));
  }

  /** The newest commit at or before `rev` that changed `path`, or null. */
  lastCommitTouching(rev: string, path: string): Promise<string | null> {
    return this.queue.run(async () => {
      const out = await this.git(['log', '-1', '--format=%H', rev, '--', path]).catch(() => '');
      return out.trim() || null;
    });
  }

  /** The commit an existing tag names (peeled), or null when there is no such tag. */
  tagCommit(name: string): Promise<string | null> {
    return this.queue.run(() => this.resolve(`refs/tags/${name}`));
  }

  /**
   * Creates the annotated tag `name` on `commit`, once: a tag of that name
   * already there is left as it is (never moved) and false is answered.
   */
  tagOnce(name: string, commit: string, message: string, tagger: Author, at: number): Promise<boolean> {
    return this.queue.run(async () => {
      if (await this.resolve(`refs/tags/${name}`)) return false;
      const env = {
        GIT_COMMITTER_NAME: tagger.name,
        GIT_COMMITTER_EMAIL: tagger.email,
        GIT_COMMITTER_DATE: `@${Math.floor(at / 1000)} +0000`,
      };
      // Without -f, git refuses a name that is taken, even one created a moment ago by another process.
      await this.git(['tag', '-a', '-F', '-', '--', name, commit], { input: message, env });
      return true;
    });
  }

  /**
   * Pushes these tags to origin, never forced, and says what became of each:
   * 'pushed' (new there, or there already on the same object) or 'refused'
   * with git's reason (the remote has that name on another object, and keeps it).
   */
  pushTags(names: readonly string[]): Promise<Map<string, TagPush>> {
    return this.queue.run(async () => {
      const answers = new Map<string, TagPush>();
      if (names.length === 0) return answers;
      const specs = names.map((name) => `refs/tags/${name}:refs/tags/${name}`);
      // Exit 1 is "some ref was rejected": the porcelain lines say which.
      const out = await this.git(['push', '--porcelain', 'origin', ...specs], {
        network: true,
        okExitCodes: [1],
      });
      for (const line of out.split('\n')) {
        const [flag = '', refs = '', summary = ''] = line.split('\t');
        const name = refs.split(':')[1]?.replace(/^refs\/tags\//, '');
        if (!name || flag.length !== 1) continue;
        answers.set(name, flag === '!' ? { state: 'refused', reason: summary.trim() } : { state: 'pushed' });
      }
      const unanswered = names.find((name) => !answers.has(name));
      if (unanswered) throw new GitError('failed', `git push gave no answer for the tag ${unanswered}`, out);
      return answers;
    });
  }

  /** Moves HEAD and the index to `rev` and leaves the working files alone (the mirror writes those). */
  moveHeadTo(rev: string): Promise<void> {
    return this.queue.run(async () => {
      await this.git(['reset', '-q', '--mixed', rev]);
    });
  }

  private async readFilesNow(rev: string, paths: readonly string[]): Promise<Map<string, Buffer>> {
    const result = new Map<string, Buffer>();
    if (paths.length === 0) return result;
    const out = await this.gitBuffer(
      ['cat-file', '--batch', '-z'],
      paths.map((p) => `${rev}:${p}\0`).join(''),
    );
    let at = 0;
    for (const path of paths) {
      const end = out.indexOf(10, at);
      const header = out.subarray(at, end).toString('utf8');
      at = end + 1;
      if (header.endsWith(' missing')) continue;
      const size = Number(header.split(' ')[2]);
      result.set(path, out.subarray(at, at + size));
      at += size + 1;
    }
    return result;
  }

  private async headNow(): Promise<string | null> {
    return this.resolve('HEAD');
  }

  private async resolve(ref: string): Promise<string | null> {
    const out = await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '');
    return out.trim() || null;
  }

  private async lastCommitNow(): Promise<CommitInfo | null> {
    if (!(await this.headNow())) return null;
    const [sha = '', subject = '', at = '0'] = (await this.git(['log', '-1', '--format=%H%x00%s%x00%ct']))
      .trim()
      .split('\0');
    return { sha, subject, at: Number(at) * 1000 };
  }

  private git(
    args: string[],
    opts: {
      input?: string;
      env?: Record<string, string>;
      network?: boolean;
      okExitCodes?: readonly number[];
    } = {},
  ) {
    return runGit(args, {
      cwd: this.dir,
      ...(opts.input !== undefined ? { input: opts.input } : {}),
      ...(opts.okExitCodes ? { okExitCodes: opts.okExitCodes } : {}),
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.network ? { timeoutMs: this.networkTimeoutMs } : {}),
    });
  }

  /** Like git() but keeps stdout as bytes (file contents may be any encoding). */
  private gitBuffer(args: string[], input: string): Promise<Buffer> {
    return runGitBuffer(args, { cwd: this.dir, input });
  }
}

function parseStatus(out: string): StatusEntry[] {
  const parts = out.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    if (part.length < 4) continue;
    const entry: StatusEntry = { code: part.slice(0, 2), path: part.slice(3) };
    // A rename or copy: the next field is the old path.
    if (/[RC]/.test(entry.code)) entry.from = parts[++i] ?? '';
    entries.push(entry);
  }
  return entries;
}

function parseNameStatus(out: string): FileChange[] {
  const parts = out.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = (parts[i] ?? '').charAt(0);
    const path = parts[i + 1] ?? '';
    if (status === 'A' || status === 'M' || status === 'D') changes.push({ status, path });
    else if (status === 'T') changes.push({ status: 'M', path });
    else if (status) throw new GitError('failed', `Unexpected change "${status}" for ${path}`);
  }
  return changes;
}
