import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Observation } from '../../src-shared/mirror/changes.js';
import { MAX_MIRROR_FILE_BYTES } from '../../src-shared/mirror/naming.js';
import { TEMP_SUFFIX } from '../git/repo.js';

/** The content hash that tells Tether's own writes from an editor's. */
export function hashOf(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * `relPath` (forward slashes) inside `folder`, or null when it would lead
 * outside it (`..`, an absolute path): nothing is ever read or written there.
 */
export function insideFolder(folder: string, relPath: string): string | null {
  if (relPath.includes('\0') || isAbsolute(relPath) || relPath.split('/').includes('..')) return null;
  const full = join(folder, ...relPath.split('/'));
  const back = relative(folder, full);
  return back && !back.startsWith('..') && !isAbsolute(back) ? full : null;
}

export function relPathOf(folder: string, full: string): string {
  return relative(folder, full).split(sep).join('/');
}

/**
 * Writes a whole file or nothing: a temp file beside it, then a rename (atomic
 * on one file system), so an editor or git never sees half a file.
 */
export async function writeAtomically(full: string, content: string): Promise<void> {
  await mkdir(dirname(full), { recursive: true });
  const temp = join(dirname(full), `.${basename(full)}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  await rename(temp, full);
}

/** Removes a file (gone already is fine) and the folders it leaves empty, up to the mirror folder. */
export async function removeFile(folder: string, full: string): Promise<void> {
  await unlink(full).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  let dir = dirname(full);
  while (dir !== folder && dir.startsWith(folder)) {
    const removed = await rmdir(dir).then(
      () => true,
      () => false,
    );
    if (!removed) break;
    dir = dirname(dir);
  }
}

/** The hash of what is on disk at `full` now, or null when nothing (or not a plain file) is there. */
export async function diskHash(full: string): Promise<string | null> {
  try {
    return hashOf(await readFile(full));
  } catch {
    return null;
  }
}

/** Items are text: a NUL byte or bytes that are not UTF-8 make a file binary. */
export function textOf(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** What is at `relPath` now, as the import rules need it: a text file, nothing, or a reason to refuse. */
export async function observe(folder: string, relPath: string): Promise<Observation> {
  const full = insideFolder(folder, relPath);
  if (!full) return { relPath, state: 'refused', reason: 'Not imported: its path leads outside the folder.' };
  const info = await lstat(full).catch(() => null);
  if (!info) return { relPath, state: 'gone' };
  if (info.isSymbolicLink()) {
    return {
      relPath,
      state: 'refused',
      reason: 'Not imported: it is a symbolic link (Tether imports plain files only).',
    };
  }
  if (!info.isFile()) return { relPath, state: 'gone' };
  if (info.size > MAX_MIRROR_FILE_BYTES) {
    return {
      relPath,
      state: 'refused',
      reason: `Not imported: it is larger than ${MAX_MIRROR_FILE_BYTES / 1024 / 1024} MB.`,
    };
  }
  const bytes = await readFile(full).catch(() => null);
  if (!bytes) return { relPath, state: 'gone' };
  const content = textOf(bytes);
  if (content === null)
    return { relPath, state: 'refused', reason: 'Not imported: it is a binary file, not text.' };
  return { relPath, state: 'file', hash: hashOf(bytes), content };
}

/** Every file under `folder` (relative paths), skipping .git and our temp files; symlinks are listed, not followed. */
export async function listFiles(folder: string): Promise<{ files: string[]; temps: string[] }> {
  const files: string[] = [];
  const temps: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.name === '.git' && dir === folder) continue;
      if (entry.name.endsWith(TEMP_SUFFIX)) temps.push(full);
      else if (entry.isDirectory()) await walk(full);
      else files.push(relPathOf(folder, full));
    }
  };
  await walk(folder);
  return { files, temps };
}

/** Runs `task` over `items`, at most `size` at a time (file reads and writes side by side). */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
