import { HybridClock } from '../../src-shared/clock/hlc.js';
import type { ItemState, Op } from '../../src-shared/model/index.js';
import { updateItemOp, type OpContext } from '../../src-shared/ops/index.js';
import { idMaker, type Fixture } from './testing.js';

/**
 * Used by tests only: another machine. Its ops are made with the real op
 * factories (own instance id, own clock) and land in the fixture's database
 * through db.ops.insert — exactly what a sync pull does.
 */
export class Peer {
  private readonly clock: HybridClock;
  private readonly newId: () => string;

  constructor(
    readonly instanceId = 'desk-0002',
    readonly author = 'bob',
    now: () => number = () => 1_700_000_000_500,
  ) {
    this.clock = new HybridClock(instanceId, now);
    this.newId = idMaker(instanceId);
  }

  context(branchId = 'main'): OpContext {
    return {
      author: this.author,
      instanceId: this.instanceId,
      branchId,
      clock: this.clock,
      newId: this.newId,
    };
  }

  /** Edits the item as this machine last saw it (`seen`), then "syncs" the op to the fixture. */
  async edit(f: Fixture, seen: ItemState, content: string): Promise<Op> {
    const op = updateItemOp(this.context(seen.current.branchId), seen, content);
    await this.pull(f, [op]);
    return op;
  }

  async pull(f: Fixture, ops: Op[]): Promise<void> {
    await f.db.ops.insert(ops);
    await waitFor(() => ops.every((op) => f.ws.history(op.itemId).some((o) => o.id === op.id)));
  }
}

/** Polls until `check` holds (the workspace takes db writes in through change streams). */
export async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
