import { describe, expect, it } from 'vitest';
import { sampleOp } from '../db/testing.js';
import { OpLog } from './op-log.js';

const a = sampleOp({ id: 'op-0000000a' });
const b = sampleOp({ id: 'op-0000000b', branchId: 'branch-0001' });

describe('OpLog', () => {
  it('absorbs each op once, and again only when its server fields change', () => {
    const log = new OpLog();
    expect(log.absorb([a, b])).toEqual({ added: [a, b], replaced: [] });
    expect(log.absorb([a, { ...b }])).toEqual({ added: [], replaced: [] });
    const acked = { ...a, serverSeq: 5, status: 'approved' as const };
    expect(log.absorb([acked])).toEqual({ added: [], replaced: [acked] });
    expect([...log.all()]).toEqual([acked, b]);
  });

  it('counts unacknowledged ops on every branch and tracks the highest main position', () => {
    const log = new OpLog();
    log.absorb([a, b]);
    expect(log.unacknowledgedCount).toBe(2);
    log.absorb([
      { ...a, serverSeq: 7 },
      { ...b, serverSeq: 9 },
    ]);
    expect(log.unacknowledgedCount).toBe(0);
    // Only main positions count: a branch op's serverSeq is not a main position.
    expect(log.maxMainSeq).toBe(7);
  });

  it('keeps refused ops per item and branch, and forgets a refusal that is lifted', () => {
    const log = new OpLog();
    log.absorb([{ ...a, status: 'rejected', serverSeq: 1 }]);
    expect(log.rejectedOf(a.itemId, 'main').map((op) => op.id)).toEqual([a.id]);
    expect(log.rejectedOf(a.itemId, 'branch-0001')).toEqual([]);
    log.absorb([{ ...a, status: 'approved', serverSeq: 1 }]);
    expect(log.rejectedOf(a.itemId, 'main')).toEqual([]);
  });
});
