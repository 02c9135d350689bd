import { encodeHlc } from '../../src-shared/clock/hlc.js';
import { groupOpsByItem } from '../../src-shared/dag/group.js';
import { materializeView } from '../../src-shared/dag/materialize.js';
import { ViewIndex } from '../../src-shared/dag/view-index.js';
import type { Op } from '../../src-shared/model/index.js';
import { MAIN_VIEW } from '../../src-shared/view/branch-view.js';
import { seededRandom } from '../code-like.js';
import type { Bench } from '../harness.js';
import { result, timeMedian } from '../harness.js';

/**
 * 100,000 main ops over 10,000 items, ten per item: a create, a chain of
 * edits, and for one item in ten a fork into two heads (half of those merged
 * again). Most ops are acknowledged, a few are not. Shuffled, so ops of one
 * item arrive scattered and children often before their parents.
 */
export function sampleOps(items = 10_000, opsPerItem = 10, seed = 42): Op[] {
  const random = seededRandom(seed);
  const ops: Op[] = [];
  let seq = 0;
  let wall = 1_700_000_000_000;
  const pathOf = (itemId: string) => `Acme.Area${itemId.charCodeAt(0) % 7}.item_${itemId.slice(0, 8)}`;
  // Ids shaped like crypto.randomUUID(), which is what the app uses.
  const hex = (count: number) =>
    Array.from({ length: count }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const make = (
    itemId: string,
    n: number,
    type: Op['type'],
    parents: string[],
    path = pathOf(itemId),
  ): Op => {
    wall += 1 + Math.floor(random() * 5);
    const op: Op = {
      id: uuid(),
      itemId,
      branchId: 'main',
      type,
      path,
      kind: 'fn',
      content: `export const v = ${n};`,
      parents,
      author: 'bench',
      instanceId: `instance-${n % 3}`,
      hlc: encodeHlc({ wall, counter: 0, node: `instance-${n % 3}` }),
      ...(random() < 0.9 ? { status: 'approved' as const, serverSeq: ++seq } : {}),
    };
    ops.push(op);
    return op;
  };
  for (let i = 0; i < items; i++) {
    const itemId = uuid();
    let head = make(itemId, 0, 'create', []);
    const forkAt = random() < 0.1 ? 3 + Math.floor(random() * 3) : -1;
    let side: Op | null = null;
    for (let n = 1; n < opsPerItem; n++) {
      if (n === forkAt) side = make(itemId, n, 'update', [head.id]);
      else if (side && n === forkAt + 2 && random() < 0.5) {
        head = make(itemId, n, 'merge', [head.id, side.id]);
        side = null;
      } else head = make(itemId, n, 'update', [head.id]);
    }
  }
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ops[i], ops[j]] = [ops[j] as Op, ops[i] as Op];
  }
  // Round-trip like ops read back from the database (plain objects, flat strings).
  return JSON.parse(JSON.stringify(ops)) as Op[];
}

export const benches: Bench[] = [
  {
    name: 'view.materialize.100k',
    run: () => {
      const ops = sampleOps();
      const items = materializeView(ops, MAIN_VIEW);
      if (items.size !== 10_000) throw new Error(`expected 10,000 items, got ${items.size}`);
      const value = timeMedian(() => materializeView(ops, MAIN_VIEW), { runs: 9, warmup: 3 });
      // The floor: one pass that only groups the same ops by item.
      const baseline = timeMedian(() => groupOpsByItem(ops), { runs: 9, warmup: 3 });
      return result({ name: 'view.materialize.100k', value, unit: 'ms', baseline, target: '< 1000 ms' });
    },
  },
  {
    // What the app does on start-up: the same ops fed to a ViewIndex in pages of 1,000, then every item read.
    name: 'view.index.100k',
    run: () => {
      const ops = sampleOps();
      const feed = () => {
        const index = new ViewIndex(MAIN_VIEW);
        for (let at = 0; at < ops.length; at += 1000) index.addOps(ops.slice(at, at + 1000));
        let shown = 0;
        for (const item of index.items()) if (!item.deleted) shown++;
        if (shown !== 10_000) throw new Error(`expected 10,000 items, got ${shown}`);
        return index;
      };
      const value = timeMedian(feed, { runs: 9, warmup: 3 });
      // The floor: one pass that only groups the same ops by item.
      const baseline = timeMedian(() => groupOpsByItem(ops), { runs: 9, warmup: 3 });
      return result({ name: 'view.index.100k', value, unit: 'ms', baseline, target: '< 1000 ms' });
    },
  },
];
