import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitError } from './errors.js';
import { NETWORK_TIMEOUT_MS, type Author } from './repo.js';
import { queueFor, runGit, runGitBuffer, type SerialQueue } from './run.js';

/** A ref of a remote and the commit it names (annotated tags peeled to their commit). */
export interface RemoteRefLine {
  /** Full name: `refs/tags/v1.2.0`, `refs/heads/main`. */
  ref: string;
  commit: string;
}

/** A file in a tree: its path from the tree's root, and its blob. */
export interface TreeFile {
  path: string;
  blob: string;
}

/** A file to write into a folder's tree: new text, or a blob already in the store. */
export type FolderFile = { path: string; content: string } | { path: string; blob: string };

export interface MergeTreeAnswer {
  /** The merged tree (with conflict markers in the files that conflict). */
  tree: string;
  /** Paths that conflict, from the repository's root. */
  conflicts: string[];
}

/** Folder listings kept per store: a few hundred small arrays of paths and ids. */
const MAX_LISTINGS = 256;

/**
 * A bare repository Tether keeps only for git's objects: what upstream
 * repositories hold, fetched by exact ref, and trees and merges made with
 * plumbing (no working tree, nothing checked out). Runs through the same
 * runner, error words and per-folder serial queue as GitRepo.
 */
export class GitObjectStore {
  private readonly queue: SerialQueue;
  /** Commits this process pinned (refs/pins/…): asking git again whether they are here is not needed. */
  private readonly pinned = new Set<string>();
  /** Folder listings by commit id and path (oldest dropped first past MAX_LISTINGS). */
  private readonly listings = new Map<string, TreeFile[]>();

  private constructor(
    readonly dir: string,
    private readonly networkTimeoutMs: number,
  ) {
    this.queue = queueFor(dir);
  }

  static async open(dir: string, opts: { networkTimeoutMs?: number } = {}): Promise<GitObjectStore> {
    const store = new GitObjectStore(dir, opts.networkTimeoutMs ?? NETWORK_TIMEOUT_MS);
    await store.queue.run(async () => {
      await mkdir(dir, { recursive: true });
      if (!(await stat(join(dir, 'HEAD')).catch(() => null))) await store.git(['init', '-q', '--bare']);
      await store.git(['config', 'core.fsync', 'committed,index']);
    });
    return store;
  }

  /** Tags and branches of `url`, as `git ls-remote` lists them; nothing is fetched. */
  listRemote(url: string): Promise<RemoteRefLine[]> {
    return this.queue.run(async () => {
      const out = await this.git(['ls-remote', '--tags', '--heads', '--', url], { network: true });
      const byRef = new Map<string, string>();
      for (const line of out.split('\n')) {
        const [commit, name] = line.split('\t');
        if (!commit || !name) continue;
        // An annotated tag is listed twice; the `^{}` line names the commit it tags.
        if (name.endsWith('^{}')) byRef.set(name.slice(0, -3), commit);
        else if (!byRef.has(name)) byRef.set(name, commit);
      }
      return [...byRef].map(([ref, commit]) => ({ ref, commit }));
    });
  }

  /**
   * Makes `commit` present here, fetching `ref` of `url` when it is not (a
   * ref, not the bare id: servers need not hand out unadvertised commits).
   * The commit is then kept by a ref of its own, whatever the tag does later.
   */
  ensureCommit(url: string, ref: string, commit: string): Promise<void> {
    return this.queue.run(async () => {
      // Pinned once by this process: its objects are here for good (the pin keeps them from gc).
      if (this.pinned.has(commit)) return;
      if (!(await this.hasCommitNow(commit))) {
        const local = `refs/upstream/${ref.replace(/^refs\//, '')}`;
        await this.git(
          ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', url, `+${ref}:${local}`],
          {
            network: true,
          },
        );
      }
      if (!(await this.hasCommitNow(commit))) {
        throw new GitError(
          'failed',
          `${url} no longer has commit ${commit.slice(0, 7)} at ${ref} (it moved while linking); resolve the link again.`,
        );
      }
      await this.git(['update-ref', `refs/pins/${commit}`, commit]);
      this.pinned.add(commit);
    });
  }

  hasCommit(commit: string): Promise<boolean> {
    return this.queue.run(() => this.hasCommitNow(commit));
  }

  /** The tree at `path` in `commit` ("" is the root); null when the path is not a folder there. */
  treeId(commit: string, path: string): Promise<string | null> {
    return this.queue.run(async () => {
      if (!path) {
        const out = await this.git(['rev-parse', '--verify', '--quiet', `${commit}^{tree}`]).catch(() => '');
        return out.trim() || null;
      }
      const out = await this.git(['ls-tree', '-z', '--full-tree', commit, '--', path]);
      const [meta = ''] = out.split('\t');
      const [, type, id = ''] = meta.split(' ');
      return type === 'tree' ? id : null;
    });
  }

  /** Regular files under `path` in `rev`, paths from the root (links and submodules are not files). */
  listFiles(rev: string, path: string): Promise<TreeFile[]> {
    // A commit id names the same files forever: the status table, a preview and a pull all list
    // the lock's and upstream's folders, and each listing is a git process.
    const key = /^[0-9a-f]{40}$/.test(rev) ? `${rev}\0${path}` : null;
    const known = key ? this.listings.get(key) : undefined;
    if (known) return Promise.resolve([...known]);
    return this.listFilesNow(rev, path).then((files) => {
      if (key) this.remember(key, files);
      return [...files];
    });
  }

  private remember(key: string, files: TreeFile[]): void {
    this.listings.set(key, files);
    if (this.listings.size > MAX_LISTINGS) this.listings.delete(this.listings.keys().next().value!);
  }

  private listFilesNow(rev: string, path: string): Promise<TreeFile[]> {
    return this.queue.run(async () => {
      const args = ['ls-tree', '-r', '-z', '--full-tree', rev];
      const out = await this.git(path ? [...args, '--', `${path}/`] : args);
      return out
        .split('\0')
        .filter(Boolean)
        .flatMap((line) => {
          const [meta = '', file = ''] = line.split('\t');
          const [mode, type, blob = ''] = meta.split(' ');
          return type === 'blob' && (mode === '100644' || mode === '100755') ? [{ path: file, blob }] : [];
        });
    });
  }

  /** Blob contents by id, in one git process. */
  readBlobs(ids: readonly string[]): Promise<Map<string, Buffer>> {
    return this.queue.run(async () => {
      const result = new Map<string, Buffer>();
      const unique = [...new Set(ids)];
      if (unique.length === 0) return result;
      const out = await runGitBuffer(['cat-file', '--batch'], {
        cwd: this.dir,
        input: unique.join('\n') + '\n',
      });
      let at = 0;
      for (const id of unique) {
        const end = out.indexOf(10, at);
        const header = out.subarray(at, end).toString('utf8');
        at = end + 1;
        if (header.endsWith(' missing')) continue;
        const size = Number(header.split(' ')[2]);
        result.set(id, out.subarray(at, at + size));
        at += size + 1;
      }
      return result;
    });
  }

  /**
   * A commit on `parent` whose tree is the parent's with the folder `path`
   * replaced by `files` (paths relative to that folder): what local items
   * would look like as a commit, for merge-tree and for a push. A file
   * given by `blob` is one already here (kept as it is, binary or not).
   */
  async commitFolder(
    parent: string,
    path: string,
    files: readonly FolderFile[],
    message: string,
    author: Author,
    /** Seconds since 1970 for author and committer: the same inputs then make the same commit. */
    at?: number,
  ): Promise<string> {
    return (
      await this.folderCommit({ parent, path, files, message, author, ...(at === undefined ? {} : { at }) })
    ).commit;
  }

  /**
   * commitFolder, also answering each file's blob (paths from the root), and
   * taking the parent's files under `path` when the caller already listed
   * them. One scratch index and five git processes at most: a preview runs
   * this for every linked namespace at once, and git processes are its cost.
   */
  folderCommit(opts: {
    parent: string;
    path: string;
    files: readonly FolderFile[];
    message: string;
    author: Author;
    at?: number;
    /** The parent's files under `path` (paths from the root), when already known. */
    parentFiles?: readonly TreeFile[];
  }): Promise<{ commit: string; files: TreeFile[] }> {
    return this.queue.run(async () => {
      const scratch = await mkdtemp(join(tmpdir(), 'tether-tree-'));
      try {
        const index = { GIT_INDEX_FILE: join(scratch, 'commit.index') };
        const prefix = opts.path ? `${opts.path}/` : '';
        const files = (await this.blobsOf(scratch, opts.files)).map((file) => ({
          path: prefix + file.path,
          blob: file.blob,
        }));
        let lines = files.map((file) => `100644 ${file.blob}\t${file.path}\0`).join('');
        if (opts.path) {
          await this.git(['read-tree', opts.parent], { env: index });
          const old = opts.parentFiles
            ? opts.parentFiles.map((file) => file.path)
            : (await this.git(['ls-files', '-z', '--', prefix], { env: index })).split('\0').filter(Boolean);
          const kept = new Set(files.map((file) => file.path));
          const removal = old.filter((file) => !kept.has(file));
          lines = removal.map((file) => `0 ${'0'.repeat(40)}\t${file}\0`).join('') + lines;
        }
        if (lines) await this.git(['update-index', '-z', '--index-info'], { input: lines, env: index });
        const tree = (await this.git(['write-tree'], { env: index })).trim();
        const who = opts.author;
        const env = {
          GIT_AUTHOR_NAME: who.name,
          GIT_AUTHOR_EMAIL: who.email,
          GIT_COMMITTER_NAME: who.name,
          GIT_COMMITTER_EMAIL: who.email,
          ...(opts.at === undefined
            ? {}
            : { GIT_AUTHOR_DATE: `@${opts.at} +0000`, GIT_COMMITTER_DATE: `@${opts.at} +0000` }),
        };
        const commit = (
          await this.git(['commit-tree', '-p', opts.parent, '-F', '-', tree], { input: opts.message, env })
        ).trim();
        return { commit, files };
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });
  }

  /**
   * Pushes `commit` to a new branch of `url`. Never forced: a branch of that
   * name already at another commit refuses the push (git's "rejected"),
   * nothing is lost; at this commit (the same push again) it is a no-op.
   */
  pushNewBranch(url: string, commit: string, branch: string, env?: Record<string, string>): Promise<void> {
    return this.queue.run(async () => {
      await this.git(['push', '--quiet', '--', url, `${commit}:refs/heads/${branch}`], {
        network: true,
        ...(env ? { env } : {}),
      });
    });
  }

  /** Three-way merge of two commits (base: their merge base) without a working tree. */
  mergeTree(ours: string, theirs: string): Promise<MergeTreeAnswer> {
    return this.queue.run(async () => {
      const out = await this.git(
        ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', ours, theirs],
        { okExitCodes: [1] },
      );
      const [tree = '', ...rest] = out.split('\0');
      return { tree, conflicts: [...new Set(rest.filter(Boolean))] };
    });
  }

  // ---- internals ----

  private async hasCommitNow(commit: string): Promise<boolean> {
    const out = await this.git(['cat-file', '-t', commit]).catch(() => '');
    return out.trim() === 'commit';
  }

  /** Each file with its blob: new texts written in one git process, the others as given. */
  private async blobsOf(scratch: string, files: readonly FolderFile[]): Promise<TreeFile[]> {
    const written = files.filter((file) => 'content' in file);
    const paths: string[] = [];
    for (const [i, file] of written.entries()) {
      const at = join(scratch, 'blobs', String(i));
      await mkdir(dirname(at), { recursive: true });
      await writeFile(at, file.content);
      paths.push(at);
    }
    const ids = paths.length
      ? (await this.git(['hash-object', '-w', '--stdin-paths'], { input: paths.join('\n') + '\n' }))
          .trim()
          .split('\n')
      : [];
    const blobOf = new Map(written.map((file, i) => [file, ids[i] ?? '']));
    return files.map((file) => ({
      path: file.path,
      blob: 'blob' in file ? file.blob : (blobOf.get(file) ?? ''),
    }));
  }

  private git(
    args: string[],
    opts: { input?: string; env?: Record<string, string>; network?: boolean; okExitCodes?: number[] } = {},
  ) {
    return runGit(args, {
      cwd: this.dir,
      ...(opts.input !== undefined ? { input: opts.input } : {}),
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.okExitCodes ? { okExitCodes: opts.okExitCodes } : {}),
      ...(opts.network ? { timeoutMs: this.networkTimeoutMs } : {}),
    });
  }
}
