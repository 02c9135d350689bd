import { isLinkRecordPath, type LockRecord } from '../../src-shared/links/lock.js';
import { folderFileFor } from '../../src-shared/links/preview.js';
import type { ItemKind } from '../../src-shared/model/op.js';
import type { FolderFile, TreeFile } from '../git/object-store.js';
import type { LinkUpstream } from './upstream.js';

/** An item of the linked namespace as it is here now. */
export interface LocalItem {
  path: string;
  kind: ItemKind;
  content: string;
}

/**
 * The folder as the local items would write it: one file per item (the
 * lock item is not upstream's), plus the lock's files that are not items
 * (binary, unknown extensions), kept as they are so they read as unchanged.
 */
export async function localFolderFiles(
  upstream: LinkUpstream,
  namespace: string,
  lock: LockRecord,
  local: readonly LocalItem[],
  /** The lock's files (store.listFiles of its commit and path), when the caller already listed them. */
  listed?: readonly TreeFile[],
): Promise<FolderFile[]> {
  const store = await upstream.store(lock.repository);
  const lockFiles = listed ?? (await store.listFiles(lock.commit, lock.path));
  const { items } = await upstream.items(namespace, lock, lockFiles);
  const imported = new Set(items.map((item) => item.file));
  const kept = lockFiles
    .filter((file) => !imported.has(file.path))
    .map((file) => ({ path: inside(lock.path, file.path), blob: file.blob }));
  const written = local
    .filter((item) => !isLinkRecordPath(item.path))
    .map((item) => ({ path: folderFileFor(namespace, item.path, item.kind), content: item.content }));
  return [...kept, ...written];
}

/** A path of the repository as a path inside the linked folder. */
export function inside(folder: string, path: string): string {
  return folder && path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path;
}
