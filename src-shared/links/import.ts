import type { FolderChange, FolderNotice } from '../bridge/git.js';
import type { ItemKind } from '../model/op.js';
import { MAX_MIRROR_FILE_BYTES, itemForFile } from '../mirror/naming.js';
import { splitPath } from '../model/path.js';
import { LOCK_ITEM_NAME, formatLock, isLinkRecordPath, lockItemPath, type LockRecord } from './lock.js';

/** A file of the linked folder as an item of the namespace. */
export interface UpstreamItem {
  /** The file's path in the repository. */
  file: string;
  /** Where the folder mirror would keep it (`Acme/Crm/lookup.yaml`), so both name it alike. */
  relPath: string;
  path: string;
  kind: ItemKind;
  content: string;
}

/**
 * The mirror's file-to-item rule, applied below the namespace: the file
 * `components/crm/sub/lookup.yaml` of a link at `components/crm` into
 * `Acme.Crm` is the item `Acme.Crm.sub.lookup`, a component. The lock's own
 * name is not available to upstream files.
 */
export function upstreamItemFor(
  namespace: string,
  linkPath: string,
  file: string,
): { ok: true; relPath: string; path: string; kind: ItemKind } | { ok: false; reason: string | null } {
  const inside = linkPath ? file.slice(linkPath.length + 1) : file;
  const relPath = `${namespace.split('.').join('/')}/${inside}`;
  const naming = itemForFile(relPath);
  if (!naming.ok) return { ok: false, reason: naming.quiet ? null : naming.reason };
  if (isLinkRecordPath(naming.path)) {
    return {
      ok: false,
      reason: `the name ${splitPath(naming.path).name} is kept for the link's own records`,
    };
  }
  return { ok: true, relPath, path: naming.path, kind: naming.kind };
}

/** Turns the linked folder's files into items, with a notice for each file that is not one. */
export function upstreamItems(
  namespace: string,
  linkPath: string,
  files: readonly { file: string; bytes: Uint8Array }[],
  textOf: (bytes: Uint8Array) => string | null,
): { items: UpstreamItem[]; notices: FolderNotice[] } {
  const items: UpstreamItem[] = [];
  const notices: FolderNotice[] = [];
  for (const { file, bytes } of files) {
    const naming = upstreamItemFor(namespace, linkPath, file);
    if (!naming.ok) {
      if (naming.reason) notices.push({ relPath: file, message: `Not imported: ${naming.reason}.` });
      continue;
    }
    if (bytes.byteLength > MAX_MIRROR_FILE_BYTES) {
      notices.push({ relPath: file, message: 'Not imported: it is larger than 1 MiB.' });
      continue;
    }
    const content = textOf(bytes);
    if (content === null) {
      notices.push({ relPath: file, message: 'Not imported: it is a binary file, not text.' });
      continue;
    }
    items.push({ file, relPath: naming.relPath, path: naming.path, kind: naming.kind, content });
  }
  return { items, notices };
}

/**
 * What linking writes into an empty namespace: one item per upstream file,
 * and the lock item, through the same changes the folder mirror imports.
 * A namespace that already holds items is refused (linking never silently
 * replaces someone's work; pulling into it has its own strategies).
 */
export function linkImportChanges(
  namespace: string,
  lock: LockRecord,
  items: readonly UpstreamItem[],
  existingPaths: readonly string[],
): { ok: true; changes: FolderChange[] } | { ok: false; message: string } {
  if (existingPaths.length > 0) {
    const n = existingPaths.length;
    return {
      ok: false,
      message: `${namespace} already holds ${n} item${n === 1 ? '' : 's'}; link an empty namespace, or pull into this one.`,
    };
  }
  const changes: FolderChange[] = items.map((item) => ({
    type: 'create',
    relPath: item.relPath,
    path: item.path,
    kind: item.kind,
    content: item.content,
  }));
  changes.push({
    type: 'create',
    relPath: `${namespace.split('.').join('/')}/${LOCK_ITEM_NAME}.yaml`,
    path: lockItemPath(namespace),
    kind: 'component',
    content: formatLock(lock),
  });
  return { ok: true, changes };
}
