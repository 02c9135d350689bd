import { compareHlc } from '../../../src-shared/clock/hlc.js';
import type { Op } from '../../../src-shared/model/index.js';
import type { SyncPreview } from '../../sync/types.js';
import type { Workspace } from '../../workspace/index.js';

/**
 * The send half of a preview from the workspace alone, for when the server
 * cannot be reached: the current branch's ops the server has not
 * acknowledged, oldest first. What would arrive is unknown offline.
 */
export function offlinePreview(workspace: Workspace): SyncPreview {
  const snapshot = workspace.getSnapshot();
  const toPush: Op[] = [];
  for (const item of [...snapshot.items, ...snapshot.deletedItems]) {
    for (const op of workspace.history(item.itemId)) {
      if (op.serverSeq == null && op.branchId === snapshot.branchId) toPush.push(op);
    }
  }
  toPush.sort((a, b) => compareHlc(a.hlc, b.hlc));
  return { branchId: snapshot.branchId, toPush, toPull: { count: 0, sample: [] } };
}
