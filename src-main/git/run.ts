import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { explainGitFailure, missingFolder, missingGit, timedOut } from './errors.js';

export interface RunOptions {
  cwd: string;
  /** Kills git after this long (network commands); local commands get a generous default. */
  timeoutMs?: number;
  /** Written to git's stdin. */
  input?: string;
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (merge-tree exits 1 for "conflicts"); stdout is returned. */
  okExitCodes?: readonly number[];
}

const LOCAL_TIMEOUT_MS = 120_000;
/** 10,000 files' worth of status or blob output. */
const MAX_BUFFER = 512 * 1024 * 1024;

/**
 * The environment every git runs with: never a prompt (a prompt would hang a
 * background sync forever), stable English messages to explain, no pager, and
 * no lock on the index for read-only commands.
 */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    GIT_PAGER: 'cat',
    // Addresses can come from team data (a linked namespace's lock): only plain transports, never
    // `ext::` (runs a command) or another remote helper a teammate's address could name.
    GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    ...extra,
  };
}

/** Runs system git directly (no shell), and turns any failure into a GitError in plain words. */
export function runGit(args: readonly string[], opts: RunOptions): Promise<string> {
  return exec(args, opts, 'utf8') as Promise<string>;
}

/** Like runGit, with stdout as bytes (file contents in any encoding). */
export function runGitBuffer(args: readonly string[], opts: RunOptions): Promise<Buffer> {
  return exec(args, opts, 'buffer') as Promise<Buffer>;
}

function exec(
  args: readonly string[],
  opts: RunOptions,
  encoding: 'utf8' | 'buffer',
): Promise<string | Buffer> {
  const timeoutMs = opts.timeoutMs ?? LOCAL_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: opts.cwd,
        env: gitEnv(opts.env),
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_BUFFER,
        encoding,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (typeof error.code === 'number' && opts.okExitCodes?.includes(error.code)) return resolve(stdout);
        const err = String(stderr);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !err) {
          // Node says ENOENT both for a missing git and for a missing folder.
          return reject(existsSync(opts.cwd) ? missingGit() : missingFolder(opts.cwd));
        }
        if (error.killed || error.signal === 'SIGKILL') return reject(timedOut(args, timeoutMs));
        reject(explainGitFailure(args, err, opts.cwd));
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/**
 * One serial queue per repository: git's own index.lock turns two concurrent
 * commands into a failure, so Tether never starts a second one in a folder.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const queues = new Map<string, SerialQueue>();

/** The queue of the repository at `dir` (one per folder for the whole process). */
export function queueFor(dir: string): SerialQueue {
  let queue = queues.get(dir);
  if (!queue) {
    queue = new SerialQueue();
    queues.set(dir, queue);
  }
  return queue;
}
