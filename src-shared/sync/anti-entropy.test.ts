import { describe, expect, it } from 'vitest';
import type { Op } from '../model/index.js';
import {
  acknowledgedEntries,
  compareLeaf,
  digestOf,
  halvesOf,
  narrowMismatches,
  type DigestEntry,
  type SeqRange,
} from './anti-entropy.js';

const entry = (serverSeq: number, status = 'approved'): DigestEntry => ({
  id: `op_${serverSeq}`,
  serverSeq,
  status,
});
const entries = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));

describe('digests', () => {
  it('do not depend on order, and change with any op, position or status', () => {
    const range = { from: 1, to: 10 };
    const base = digestOf(range, entries(1, 10));
    expect(digestOf(range, entries(1, 10).reverse())).toEqual(base);
    expect(base).toMatchObject({ from: 1, to: 10, count: 10 });
    expect(base.hash).toMatch(/^[0-9a-f]{16}$/);
    const changed = [
      entries(1, 9), // one op missing
      [...entries(1, 9), entry(10, 'pending')], // one op in another state
      [...entries(1, 9), { ...entry(10), id: 'op_other' }], // another op
    ];
    for (const other of changed) expect(digestOf(range, other).hash).not.toBe(base.hash);
  });

  it('count only what lies in the range', () => {
    expect(digestOf({ from: 3, to: 4 }, entries(1, 10))).toEqual(digestOf({ from: 3, to: 4 }, entries(3, 4)));
    expect(digestOf({ from: 20, to: 30 }, entries(1, 10)).count).toBe(0);
  });

  it('leave unacknowledged local ops out (they have no place in server order yet)', () => {
    const ops = [
      { id: 'a', serverSeq: 4, status: 'pending' },
      { id: 'b', serverSeq: null },
      { id: 'c' },
    ] as Op[];
    expect(acknowledgedEntries(ops)).toEqual([{ id: 'a', serverSeq: 4, status: 'pending' }]);
  });
});

describe('halving', () => {
  it('splits a range into two that cover it without overlap', () => {
    expect(halvesOf({ from: 1, to: 10 })).toEqual([
      { from: 1, to: 5 },
      { from: 6, to: 10 },
    ]);
    expect(halvesOf({ from: 7, to: 8 })).toEqual([
      { from: 7, to: 7 },
      { from: 8, to: 8 },
    ]);
    expect(halvesOf({ from: 7, to: 7 })).toBeNull();
  });

  /** Two replicas as lists of entries; `remote` counts the server's answers. */
  const compare = async (server: DigestEntry[], local: DigestEntry[], root: SeqRange, leafWidth = 4) =>
    narrowMismatches(
      root,
      async (range) => digestOf(range, server),
      (range) => digestOf(range, local),
      { leafWidth },
    );

  const cases: { name: string; local: (server: DigestEntry[]) => DigestEntry[]; leaves: SeqRange[] }[] = [
    { name: 'replicas that agree', local: (s) => s, leaves: [] },
    {
      name: 'a lost local op',
      local: (s) => s.filter((e) => e.serverSeq !== 37),
      leaves: [{ from: 37, to: 40 }],
    },
    {
      name: 'a stale status',
      local: (s) => s.map((e) => (e.serverSeq === 2 ? { ...e, status: 'pending' } : e)),
      leaves: [{ from: 1, to: 4 }],
    },
    {
      name: 'two lost ops far apart',
      local: (s) => s.filter((e) => e.serverSeq !== 5 && e.serverSeq !== 60),
      leaves: [
        { from: 5, to: 8 },
        { from: 57, to: 60 },
      ],
    },
  ];
  it.each(cases)('narrows $name to the leaves that differ', async ({ local, leaves }) => {
    const server = entries(1, 64);
    const found = await compare(server, local(server), { from: 1, to: 64 });
    expect(found.leaves).toEqual(leaves);
  });

  it('asks one digest for agreeing replicas and about two per level for one difference', async () => {
    const server = entries(1, 1024);
    expect((await compare(server, server, { from: 1, to: 1024 })).asked).toBe(1);
    const oneLost = await compare(server, server.slice(1), { from: 1, to: 1024 });
    expect(oneLost.leaves).toEqual([{ from: 1, to: 4 }]);
    expect(oneLost.asked).toBeLessThanOrEqual(1 + 2 * 8); // log2(1024 / 4) levels
  });

  it('stops at the most leaves one run may repair', async () => {
    const server = entries(1, 64);
    const found = await narrowMismatches(
      { from: 1, to: 64 },
      async (range) => digestOf(range, server),
      (range) => digestOf(range, []),
      { leafWidth: 4, maxLeaves: 3 },
    );
    expect(found.leaves).toHaveLength(3);
  });
});

describe('comparing a leaf', () => {
  const op = (id: string, serverSeq: number | null, extra: Partial<Op> = {}) =>
    ({
      id,
      itemId: `item_${id}`,
      serverSeq,
      status: 'approved',
      approvalId: null,
      author: 'bob',
      ...extra,
    }) as Op;
  const server = (o: Op) => ({
    id: o.id,
    itemId: o.itemId,
    serverSeq: o.serverSeq ?? 0,
    status: o.status ?? 'approved',
    approvalId: o.approvalId ?? null,
  });
  const range = { from: 1, to: 8 };

  it('sorts each difference into what to store, resend, log or leave', () => {
    const serverOps = [
      server(op('same', 1)),
      server(op('lost', 2)),
      server(op('stale', 3, { status: 'approved' })),
      server(op('evicted', 4)),
    ];
    const local = [
      op('same', 1),
      op('stale', 3, { status: 'pending' }),
      op('mine', 5, { author: 'alice' }), // the server does not have it: send again
      op('theirs', 6), // the server no longer shows it to alice
      op('unsent', null, { author: 'alice' }), // not in server order yet: the push's business
      op('later', 9), // outside the range
    ];
    const repair = compareLeaf(serverOps, local, range, 'alice', (itemId) => itemId === 'item_evicted');
    expect(repair).toEqual({
      store: ['lost', 'stale'],
      resend: ['mine'],
      hidden: ['theirs'],
      evicted: ['evicted'],
    });
  });

  it('finds nothing when both hold the same', () => {
    const local = [op('a', 1), op('b', 2, { status: 'pending', approvalId: 'req_1' })];
    expect(compareLeaf(local.map(server), local, range, 'alice')).toEqual({
      store: [],
      resend: [],
      hidden: [],
      evicted: [],
    });
  });
});
