/** Op sets the sync benches push to a server: items in clock order, a create then edits each. */
import { encodeHlc } from '../src-shared/clock/hlc.js';
import type { OpBody } from '../src-shared/model/index.js';

export function itemOps(author: string, prefix: string, items: number, opsPerItem: number): OpBody[] {
  const ops: OpBody[] = [];
  let wall = 1_700_000_000_000;
  for (let i = 0; i < items; i++) {
    const item = `${prefix}-item-${String(i).padStart(6, '0')}`;
    let parent: string | null = null;
    for (let n = 0; n < opsPerItem; n++) {
      const id = `${item}-op${n}`;
      ops.push({
        id,
        itemId: item,
        branchId: 'main',
        type: n === 0 ? 'create' : 'update',
        path: `Acme.Area${i % 10}.item${i}`,
        kind: 'fn',
        content: `export const value${i} = ${n}; // ${'x'.repeat(40)}`,
        parents: parent ? [parent] : [],
        author,
        instanceId: 'inst-bench',
        hlc: encodeHlc({ wall: ++wall, counter: 0, node: 'inst-bench' }),
      });
      parent = id;
    }
  }
  return ops;
}
