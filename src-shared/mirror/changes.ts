import type { FolderChange, FolderNotice } from '../bridge/git.js';
import { itemForFile } from './naming.js';

/** What the mirror last wrote (or imported) at a path. */
export interface ManifestEntry {
  itemId: string;
  relPath: string;
  hash: string;
  /** The op the file's content came from. */
  head: string;
}

/** One path as the watcher found it after a burst of events. */
export type Observation =
  | { relPath: string; state: 'gone' }
  | { relPath: string; state: 'file'; hash: string; content: string }
  | { relPath: string; state: 'refused'; reason: string };

/**
 * Turns what the watcher saw into changes for the store. A file whose hash is
 * what Tether wrote is its own echo and changes nothing; a file that vanished
 * while one with the same content appeared is a rename (that is all an
 * editor's or a shell's move looks like from outside).
 */
export function changesFrom(
  observations: readonly Observation[],
  tracked: (relPath: string) => ManifestEntry | undefined,
): { changes: FolderChange[]; notices: FolderNotice[] } {
  const changes: FolderChange[] = [];
  const notices: FolderNotice[] = [];
  const gone: ManifestEntry[] = [];
  const created: Extract<Observation, { state: 'file' }>[] = [];
  for (const seen of observations) {
    const entry = tracked(seen.relPath);
    if (seen.state === 'refused') notices.push({ relPath: seen.relPath, message: seen.reason });
    else if (seen.state === 'gone') {
      if (entry) gone.push(entry);
    } else if (!entry) created.push(seen);
    else if (entry.hash !== seen.hash) {
      changes.push({
        type: 'edit',
        relPath: seen.relPath,
        itemId: entry.itemId,
        content: seen.content,
        base: entry.head,
      });
    }
  }
  for (const file of created) {
    const naming = itemForFile(file.relPath);
    if (!naming.ok) {
      if (!naming.quiet) notices.push({ relPath: file.relPath, message: `Not imported: ${naming.reason}.` });
      continue;
    }
    const moved = gone.findIndex((entry) => entry.hash === file.hash);
    const from = moved >= 0 ? gone.splice(moved, 1)[0] : undefined;
    if (from) {
      changes.push({
        type: 'rename',
        relPath: file.relPath,
        from: from.relPath,
        itemId: from.itemId,
        path: naming.path,
        content: file.content,
        base: from.head,
      });
    } else {
      changes.push({
        type: 'create',
        relPath: file.relPath,
        path: naming.path,
        kind: naming.kind,
        content: file.content,
      });
    }
  }
  for (const entry of gone)
    changes.push({ type: 'delete', relPath: entry.relPath, itemId: entry.itemId, base: entry.head });
  return { changes, notices };
}
