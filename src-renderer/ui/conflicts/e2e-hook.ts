import { HybridClock } from '../../../src-shared/clock/hlc.js';
import { itemStateFromOps } from '../../../src-shared/dag/index.js';
import type { Op } from '../../../src-shared/model/index.js';
import { deleteItemOp, updateItemOp, type OpContext } from '../../../src-shared/ops/index.js';
import type { TetherDb } from '../../db/index.js';
import type { Workspace } from '../../workspace/index.js';

/**
 * For end-to-end tests only: boot.ts calls it in the e2e build alone (`npm run
 * build:renderer:e2e`, dist/renderer-e2e), so the product build holds none of
 * it (e2e/product-build.spec.ts checks). Lets a test play "another machine" without a second profile. The peer edits
 * (or deletes) an item as it stood at a given content (default: when created) — so it is concurrent with any
 * later local edit — and its op goes into the database the way a sync pull
 * puts it there.
 */
export function installConflictE2eHook(db: TetherDb, workspace: Workspace): void {
  const ctx: OpContext = {
    author: 'bob',
    instanceId: 'e2e-peer-0001',
    branchId: 'main',
    clock: new HybridClock('e2e-peer-0001', Date.now),
    newId: () => crypto.randomUUID(),
  };
  /** The newest version of the item with `content` (or its first op): where the peer last synced. */
  const seenOp = (path: string, content?: string): Op => {
    const item = workspace.getSnapshot().items.find((i) => i.path === path);
    if (!item) throw new Error(`e2e hook: no item at ${path}`);
    const history = workspace.history(item.itemId);
    return history.find((op) => op.content === content) ?? (history.at(-1) as Op);
  };
  const peer = async (
    path: string,
    content: string | undefined,
    make: (seen: ReturnType<typeof itemStateFromOps>) => Op,
  ) => {
    const op = make(itemStateFromOps([seenOp(path, content)]));
    await db.ops.insert([op]);
    return op.id;
  };
  (globalThis as Record<string, unknown>).__tetherE2E = {
    peerEdit: (path: string, content: string, from?: string) =>
      peer(path, from, (seen) => updateItemOp(ctx, seen!, content)),
    peerDelete: (path: string, from?: string) => peer(path, from, (seen) => deleteItemOp(ctx, seen!)),
    /** A conflicted item in one call (benchmarks): created as `base`, edited here to `local`, by the peer to `remote`. */
    seedConflict: async (path: string, base: string, local: string, remote: string) => {
      const item = await workspace.createItem({ path, kind: 'fn', content: base });
      await workspace.updateContent(item.itemId, local);
      return peer(path, base, (seen) => updateItemOp(ctx, seen!, remote));
    },
  };
}
