import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

const LOCK_NAME = 'tether-server.lock';
const PID_NAME = 'tether-server.pid';
/** The lock is refreshed every 5 s; one untouched for 20 s belongs to a process that is gone. */
const STALE_MS = 20_000;
const UPDATE_MS = 5_000;

export class FolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(`Data folder ${dataDir} is in use by another Tether server (pid ${pid ?? 'unknown'})`);
    this.name = 'FolderInUseError';
  }
}

/**
 * PGlite does not lock its data folder, and two PostgreSQL engines writing one
 * folder destroy it. So whoever opens the embedded store first takes this lock
 * (a directory made atomically, kept fresh by proper-lockfile) and writes its
 * pid beside it; everyone else fails at once with FolderInUseError.
 * Returns the release function.
 */
export async function lockDataFolder(
  dataDir: string,
  onCompromised: (err: Error) => void,
): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_NAME);
  const options = {
    lockfilePath: lockPath,
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
    onCompromised,
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const holder = readHolder(dataDir);
    // A holder that died (kill -9, power cut) leaves a fresh-looking lock for up
    // to STALE_MS; when its pid is gone on this host, the lock is free now.
    if (holder.pid === null || holder.host !== os.hostname() || isAlive(holder.pid)) {
      throw new FolderInUseError(dataDir, holder.pid);
    }
    fs.rmSync(lockPath, { recursive: true, force: true });
    release = await lockfile.lock(dataDir, options).catch((again: NodeJS.ErrnoException) => {
      throw again.code === 'ELOCKED' ? new FolderInUseError(dataDir, readHolder(dataDir).pid) : again;
    });
  }
  fs.writeFileSync(path.join(dataDir, PID_NAME), `${process.pid}\n${os.hostname()}\n`);
  return async () => {
    fs.rmSync(path.join(dataDir, PID_NAME), { force: true });
    await release();
  };
}

function readHolder(dataDir: string): { pid: number | null; host: string | null } {
  try {
    const [pid, host] = fs.readFileSync(path.join(dataDir, PID_NAME), 'utf8').split('\n');
    const n = Number(pid);
    return { pid: Number.isInteger(n) && n > 0 ? n : null, host: host ?? null };
  } catch {
    return { pid: null, host: null };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
