import { upstreamItemFor } from '../../src-shared/links/import.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import type { PullContentEntry } from '../../src-shared/links/pull-plan.js';
import { MAX_MIRROR_FILE_BYTES } from '../../src-shared/mirror/naming.js';
import { textOf } from '../mirror/disk.js';
import { inside } from './local-folder.js';
import { pullSides, type LocalItem } from './pull-preview.js';
import type { LinkUpstream } from './upstream.js';

/**
 * What a pull of `target` into the namespace needs, file by file: the text
 * at the lock, here and upstream, merge-tree's verdict and, where git merged
 * both sides cleanly, git's merged text. The same merge the preview runs
 * (pullSides), so the pull applies exactly what was previewed. A file that
 * is no item, or whose any side is not text, is given without an item.
 */
export async function pullContents(
  upstream: LinkUpstream,
  namespace: string,
  lock: LockRecord,
  target: LockRecord,
  local: readonly LocalItem[],
): Promise<PullContentEntry[]> {
  const { entries, mergedTree, store } = await pullSides(upstream, namespace, lock, target, local);
  const bothChanged = entries.filter(
    (e) => !e.conflict && e.local !== e.base && e.theirs !== e.base && e.local !== e.theirs,
  );
  const merged = new Map<string, string>();
  if (bothChanged.length > 0) {
    for (const file of await store.listFiles(mergedTree, lock.path)) {
      merged.set(inside(lock.path, file.path), file.blob);
    }
  }
  const mergedOf = (file: string) =>
    bothChanged.some((e) => e.file === file) ? merged.get(file) : undefined;
  const ids = entries.flatMap((e) => [e.base, e.local, e.theirs, mergedOf(e.file) ?? null]);
  const blobs = await store.readBlobs(ids.filter((id): id is string => id !== null));
  // A side that is no item's text (binary, too large) is named by its blob: equal blobs still compare equal.
  const text = (id: string | null | undefined): string | null => {
    if (!id) return null;
    const bytes = blobs.get(id);
    const content = bytes && bytes.byteLength <= MAX_MIRROR_FILE_BYTES ? textOf(bytes) : null;
    return content ?? `${NOT_TEXT}${id}`;
  };
  return entries.map((entry) => {
    const sides = [text(entry.base), text(entry.local), text(entry.theirs), text(mergedOf(entry.file))];
    const isText = !sides.some((side) => side?.startsWith(NOT_TEXT));
    const naming = upstreamItemFor(
      namespace,
      lock.path,
      lock.path ? `${lock.path}/${entry.file}` : entry.file,
    );
    return {
      file: entry.file,
      base: sides[0] ?? null,
      local: sides[1] ?? null,
      theirs: sides[2] ?? null,
      conflict: entry.conflict,
      merged: sides[3] ?? null,
      item: naming.ok && isText ? { path: naming.path, kind: naming.kind } : null,
    };
  });
}

/** Marks a side that is not text; no text item holds a NUL. */
const NOT_TEXT = '\0blob:';
