import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock } from '../clock/hlc.js';
import { ValidationError } from '../errors.js';
import type { ItemState, Op } from '../model/index.js';
import type { OpContext } from '../ops/factories.js';
import {
  createItemOp,
  deleteItemOp,
  mergeItemOp,
  renameItemOp,
  restoreItemOp,
  updateItemOp,
} from '../ops/factories.js';
import { MAIN_VIEW } from '../view/branch-view.js';
import { itemStateFromOps } from './item-state.js';
import { materializeView } from './materialize.js';
import { ViewIndex } from './view-index.js';

/** mulberry32: a small seeded generator so a failing history can be replayed from its seed. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Replica {
  ctx: OpContext;
  index: ViewIndex;
  made: Op[];
}

const PATHS = ['Acme.a', 'Acme.b', 'Acme.Billing.c', 'Other.d'];
const DAY = 86_400_000;

/**
 * Several machines (one with its clock a day behind, one a day ahead) edit
 * the same items while only now and then exchanging some of their ops, so
 * the history is full of concurrent edits, renames, deletes and merges.
 */
function simulate(seed: number, steps = 80): Op[] {
  const random = randomFrom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const replicas: Replica[] = [-DAY, 0, DAY].map((skew, r) => {
    let wall = 1_700_000_000_000 + skew;
    let n = 0;
    return {
      ctx: {
        author: `user-${r}`,
        instanceId: `instance-${r}`,
        branchId: 'main',
        clock: new HybridClock(`instance-${r}`, () => (wall += Math.floor(random() * 3))),
        newId: () => `s${seed}-r${r}-${String(++n).padStart(4, '0')}`,
      },
      index: new ViewIndex(MAIN_VIEW),
      made: [],
    };
  });
  const all: Op[] = [];
  const act = (replica: Replica, make: () => Op): void => {
    try {
      const op = make();
      replica.made.push(op);
      all.push(op);
      replica.index.addOps([op]);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  };
  for (let step = 0; step < steps; step++) {
    const replica = pick(replicas);
    const { ctx } = replica;
    const items = [...replica.index.items()];
    const roll = random();
    if (roll < 0.2) {
      const from = pick(replicas);
      replica.index.addOps(from.made.filter(() => random() < 0.6));
    } else if (roll < 0.3 || items.length === 0) {
      act(replica, () => createItemOp(ctx, { path: pick(PATHS), kind: 'value', content: `c${step}` }));
    } else {
      actOnItem(replica, pick(items), step, random, pick, act);
    }
  }
  return all;
}

function actOnItem(
  replica: Replica,
  item: ItemState,
  step: number,
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
  act: (replica: Replica, make: () => Op) => void,
): void {
  const { ctx } = replica;
  const roll = random();
  if (item.conflict && roll < 0.5) {
    const side = pick(item.conflict.sides);
    const result = { path: side.path, kind: side.kind, content: `m${step}`, deleted: side.type === 'delete' };
    act(replica, () => mergeItemOp(ctx, item, result));
  } else if (item.deleted) {
    act(replica, () => restoreItemOp(ctx, item));
  } else if (roll < 0.55) {
    act(replica, () => updateItemOp(ctx, item, pick(['x', 'y', `u${step}`])));
  } else if (roll < 0.8) {
    act(replica, () => renameItemOp(ctx, item, pick(PATHS)));
  } else {
    act(replica, () => deleteItemOp(ctx, item));
  }
}

/** A view as plain sorted data, so two views compare with toEqual whatever their insertion order. */
function normalized(items: Iterable<ItemState>): ItemState[] {
  return [...items].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Feeds ops in random batches, some ops twice. */
function feedInBatches(index: ViewIndex, ops: readonly Op[], random: () => number): void {
  const order = shuffled([...ops, ...ops.filter(() => random() < 0.2)], random);
  for (let at = 0; at < order.length;) {
    const size = 1 + Math.floor(random() * 12);
    index.addOps(order.slice(at, at + size));
    at += size;
  }
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('replicas converge', () => {
  it('the same set of ops in any order gives the same view', () => {
    fc.assert(
      fc.property(seeds, seeds, (seed, shuffleSeed) => {
        const ops = simulate(seed);
        const random = randomFrom(shuffleSeed);
        const expected = normalized(materializeView(ops, MAIN_VIEW).values());
        expect(normalized(materializeView(shuffled(ops, random), MAIN_VIEW).values())).toEqual(expected);
        expect(normalized(materializeView(ops.slice().reverse(), MAIN_VIEW).values())).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('a ViewIndex fed in batches, with duplicates, matches materializeView on every replica', () => {
    fc.assert(
      fc.property(seeds, fc.array(seeds, { minLength: 2, maxLength: 3 }), (seed, feedSeeds) => {
        const ops = simulate(seed);
        const expected = normalized(materializeView(ops, MAIN_VIEW).values());
        for (const feedSeed of feedSeeds) {
          const index = new ViewIndex(MAIN_VIEW);
          feedInBatches(index, ops, randomFrom(feedSeed));
          expect(normalized(index.items())).toEqual(expected);
          expect(index.addOps(ops)).toEqual(new Set());
          expect(normalized(index.conflicts())).toEqual(expected.filter((s) => s.conflict));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the changed-item sets reported by addOps account for every change', () => {
    fc.assert(
      fc.property(seeds, seeds, (seed, feedSeed) => {
        const ops = simulate(seed);
        const random = randomFrom(feedSeed);
        const index = new ViewIndex(MAIN_VIEW);
        const seen = new Map<string, ItemState | undefined>();
        for (const op of shuffled(ops, random)) {
          const changed = index.addOps([op]);
          for (const itemId of new Set([...seen.keys(), op.itemId])) {
            const now = index.item(itemId);
            if (changed.has(itemId)) expect(now).not.toBe(seen.get(itemId));
            else expect(now).toBe(seen.get(itemId));
            seen.set(itemId, now);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a merge over all heads clears every conflict', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const ops = simulate(seed, 120);
        let n = 0;
        const ctx: OpContext = {
          author: 'resolver',
          instanceId: 'resolver-1',
          branchId: 'main',
          clock: new HybridClock('resolver-1', () => 1_600_000_000_000),
          newId: () => `resolve-${seed}-${++n}`,
        };
        const view = materializeView(ops, MAIN_VIEW);
        for (const item of view.values()) {
          if (!item.conflict) continue;
          const result = { path: item.path, kind: item.kind, content: 'resolved', deleted: false };
          const merge = mergeItemOp(ctx, item, result);
          const itemOps = ops.filter((op) => op.itemId === item.itemId);
          const after = itemStateFromOps([...itemOps, merge]);
          expect(after).toMatchObject({ conflict: null, content: 'resolved', heads: [merge.id] });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('concurrent changes from two machines', () => {
  const machine = (name: string, start: number): OpContext => {
    let n = 0;
    let t = start;
    return {
      author: name,
      instanceId: `${name}-machine`,
      branchId: 'main',
      clock: new HybridClock(`${name}-machine`, () => (t += 1)),
      newId: () => `${name}-op-${++n}`,
    };
  };
  const content = fc.string({ maxLength: 8 });
  const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);

  it('rename vs rename, rename vs edit and delete vs edit are reported as such, in any order', () => {
    fc.assert(
      fc.property(name, name, content, content, fc.integer({ min: 0, max: 2 }), (n1, n2, c1, c2, which) => {
        fc.pre(n1 !== n2 && n1 !== 'base' && n2 !== 'base' && c1 !== 'start' && c1 !== c2);
        const ada = machine('ada', 1000);
        const bob = machine('bob', 900);
        const created = createItemOp(ada, { path: 'Acme.base', kind: 'fn', content: 'start' });
        const base = itemStateFromOps([created]) as ItemState;
        const [mine, theirs, kind] =
          which === 0
            ? [renameItemOp(ada, base, `Acme.${n1}`), renameItemOp(bob, base, `Other.${n2}`), 'rename/rename']
            : which === 1
              ? [renameItemOp(ada, base, `Acme.${n1}`), updateItemOp(bob, base, c1), 'rename/edit']
              : [deleteItemOp(ada, base), updateItemOp(bob, base, c1), 'edit/delete'];
        for (const ops of [
          [created, mine, theirs],
          [theirs, created, mine],
          [mine, theirs, created],
        ]) {
          const state = itemStateFromOps(ops) as ItemState;
          expect(state.conflict?.kind).toBe(kind);
          expect(state.conflict?.base).toEqual({
            path: 'Acme.base',
            kind: 'fn',
            content: 'start',
            deleted: false,
          });
          expect(state.conflict?.sides.map((op) => op.author)).toEqual(['bob', 'ada']);
          expect(state.current).toBe(mine);
        }
      }),
    );
  });
});
