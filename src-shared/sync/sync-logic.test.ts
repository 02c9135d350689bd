import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../clock/hlc.js';
import type { Branch, Op } from '../model/index.js';
import type { OpAck, ServerBranch, ServerOp } from '../sync-protocol/index.js';
import { MAX_PUSH_BYTES, MAX_PUSH_OPS, utf8ByteLength } from '../sync-protocol/index.js';
import { receiveBranch } from './branch-records.js';
import { classifySyncError, retryDelayMs } from './errors.js';
import {
  DEFAULT_MAIN_POLICY,
  baseFollowsMain,
  branchesToPull,
  mainChangesTouchingBranch,
  movedBase,
} from './main-policy.js';
import { branchPushKey, opJsonBytes, planPush, splitBatches } from './push-plan.js';
import { applyAcks, sortPulledOps } from './server-fields.js';

const hlc = (wall: number, node = 'inst-aaaa') => encodeHlc({ wall, counter: 0, node });

function op(n: number, fields: Partial<Op> = {}): Op {
  return {
    id: `op-${String(n).padStart(8, '0')}`,
    itemId: `item-${String(n % 5).padStart(8, '0')}`,
    branchId: 'main',
    type: 'update',
    path: `Acme.item${n % 5}`,
    kind: 'fn',
    content: `v${n}`,
    parents: [],
    author: 'ada',
    instanceId: 'inst-aaaa',
    hlc: hlc(1_700_000_000_000 + n),
    ...fields,
  };
}

function branch(fields: Partial<Branch> = {}): Branch {
  return {
    id: 'branch-feature-x',
    name: 'feature-x',
    state: 'open',
    mainPolicy: 'notify',
    baseSeq: 10,
    baseHlc: hlc(1_700_000_000_000),
    baseInstanceId: 'inst-aaaa',
    createdBy: 'ada',
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

const serverOp = (o: Op, seq: number, status: ServerOp['status'] = 'approved'): ServerOp => ({
  ...o,
  status,
  approvalId: null,
  serverSeq: seq,
  changeSeq: seq,
  receivedAt: 5,
});

describe('push planning', () => {
  it('sends only the branch’s unacknowledged, unfailed ops, oldest clock first, branch record first', () => {
    const b = branch();
    const ops = [
      op(3, { branchId: b.id }),
      op(1, { branchId: b.id }),
      op(2),
      op(4, { branchId: b.id, serverSeq: 9 }),
    ];
    const failed = new Set([op(5).id]);
    const withFailed = [...ops, op(5, { branchId: b.id })];
    const plan = planPush({
      branchId: b.id,
      unacknowledged: withFailed,
      failedOpIds: failed,
      branch: b,
      lastSentBranch: undefined,
    });
    expect(plan.branches).toEqual([b]);
    expect(plan.batches.flat().map((o) => o.id)).toEqual([op(1).id, op(3).id]);
    expect(plan.batches.flat()[0]).not.toHaveProperty('serverSeq');
  });

  it('takes along the unsent ops of other branches that this branch’s ops build on, in clock order', () => {
    const b = branch();
    const onMain = op(1);
    const onBranch = op(2, { branchId: b.id, parents: [onMain.id] });
    const merge = op(3, { parents: [onMain.id, onBranch.id] });
    const unrelated = op(4);
    const unacknowledged = [merge, unrelated, onBranch, onMain];
    const base = { unacknowledged, failedOpIds: new Set<string>(), lastSentBranch: undefined };
    // Main's push carries the branch op its merge op names; the branch must be known first.
    const main = planPush({ ...base, branchId: 'main', branch: null });
    expect(main.batches.flat().map((o) => o.id)).toEqual([onMain.id, onBranch.id, merge.id, unrelated.id]);
    expect(main.alsoBranchIds).toEqual([b.id]);
    // The branch's push carries the main op its first edit names, and nothing else of main.
    const onB = planPush({ ...base, branchId: b.id, branch: b });
    expect(onB.batches.flat().map((o) => o.id)).toEqual([onMain.id, onBranch.id]);
    expect(onB.alsoBranchIds).toEqual(['main']);
    // A refused ancestor stays behind (it waits for the person), and so does nothing else.
    const refused = planPush({
      ...base,
      branchId: 'main',
      branch: null,
      failedOpIds: new Set([onBranch.id]),
    });
    expect(refused.batches.flat().map((o) => o.id)).toEqual([onMain.id, merge.id, unrelated.id]);
    expect(refused.alsoBranchIds).toEqual([]);
  });

  it('does not resend an unchanged branch record, and resends a changed one', () => {
    const b = branch();
    const base = { branchId: b.id, unacknowledged: [], failedOpIds: new Set<string>(), branch: b };
    expect(planPush({ ...base, lastSentBranch: branchPushKey(b) }).branches).toEqual([]);
    const moved = { ...b, baseSeq: 20 };
    expect(planPush({ ...base, branch: moved, lastSentBranch: branchPushKey(b) }).branches).toEqual([moved]);
  });

  it('splits batches at MAX_PUSH_OPS', () => {
    const ops = Array.from({ length: MAX_PUSH_OPS * 2 + 1 }, (_, i) => op(i));
    expect(splitBatches(ops).map((b) => b.length)).toEqual([MAX_PUSH_OPS, MAX_PUSH_OPS, 1]);
    expect(splitBatches([])).toEqual([]);
  });
});

describe('sizing a push', () => {
  const jsonBytes = (o: Op) => utf8ByteLength(JSON.stringify(o));

  it('never counts an op smaller than its JSON, whatever its text needs escaping as', () => {
    const texts = ['plain', '"quoted" \\ back', '\u0000\u001f control', 'ünïcödé ✓ 𝄞', '\n'.repeat(2000)];
    for (const content of texts) {
      const o = op(1, { content, author: 'ädä "q"', parents: [op(2).id, op(3).id] });
      expect(opJsonBytes(o)).toBeGreaterThanOrEqual(jsonBytes(o));
    }
  });

  it('counts a large op exactly, so big contents still fill a batch', () => {
    const big = op(1, { content: 'x'.repeat(200_000) });
    expect(opJsonBytes(big)).toBe(jsonBytes(big));
    const batches = splitBatches(
      Array.from({ length: 200 }, (_, i) => op(i, { content: 'é'.repeat(100_000) })),
    );
    for (const batch of batches) {
      const bytes = batch.reduce((n, o) => n + jsonBytes(o), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    }
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toHaveLength(200);
  });
});

describe('acks and pulled pages', () => {
  it('puts the server fields of acks on the ops they name, ignoring unknown ids', () => {
    const local = new Map([[op(1).id, op(1)]]);
    const acks: OpAck[] = [
      {
        id: op(1).id,
        serverSeq: 7,
        changeSeq: 7,
        status: 'pending',
        approvalId: 'appr-1',
        receivedAt: 1,
        alreadyStored: false,
      },
      {
        id: op(2).id,
        serverSeq: 8,
        changeSeq: 8,
        status: 'approved',
        approvalId: null,
        receivedAt: 1,
        alreadyStored: false,
      },
    ];
    expect(applyAcks(local, acks)).toEqual([
      { ...op(1), serverSeq: 7, status: 'pending', approvalId: 'appr-1' },
    ]);
  });

  it('sorts a page into new ops, server-field updates and body mismatches; a re-pull changes nothing', () => {
    const known = new Map<string, Op>([
      [op(1).id, op(1)],
      [op(2).id, { ...op(2), serverSeq: 2, status: 'approved', approvalId: null }],
      [op(3).id, op(3)],
    ]);
    const page = [
      serverOp(op(1), 1),
      serverOp(op(2), 2),
      serverOp({ ...op(3), content: 'forged' }, 3),
      serverOp(op(4), 4),
    ];
    const sorted = sortPulledOps(known, page);
    expect(sorted.insert.map((o) => o.id)).toEqual([op(4).id]);
    expect(sorted.update).toEqual([{ ...op(1), serverSeq: 1, status: 'approved', approvalId: null }]);
    expect(sorted.mismatched).toEqual([op(3).id]);
    expect(sorted.insert[0]).not.toHaveProperty('changeSeq');
    for (const o of [...sorted.insert, ...sorted.update]) known.set(o.id, o);
    expect(sortPulledOps(known, page.slice(0, 2))).toEqual({ insert: [], update: [], mismatched: [] });
  });
});

describe('main policies', () => {
  it('pulls main for follow and notify, not for isolated or manual unless asked', () => {
    expect(branchesToPull(null)).toEqual(['main']);
    expect(branchesToPull(branch({ mainPolicy: 'follow' }))).toEqual(['branch-feature-x', 'main']);
    expect(branchesToPull(branch({ mainPolicy: 'notify' }))).toEqual(['branch-feature-x', 'main']);
    expect(branchesToPull(branch({ mainPolicy: 'isolated' }))).toEqual(['branch-feature-x']);
    expect(branchesToPull(branch({ mainPolicy: 'manual' }))).toEqual(['branch-feature-x']);
    expect(branchesToPull(branch({ mainPolicy: 'manual' }), true)).toEqual(['branch-feature-x', 'main']);
    expect(baseFollowsMain(branch({ mainPolicy: 'follow' }))).toBe(true);
    expect(baseFollowsMain(branch({ mainPolicy: 'notify' }))).toBe(false);
    expect(DEFAULT_MAIN_POLICY).toBe('notify');
  });

  it('moves the base to the newest main serverSeq and our own newest main stamp', () => {
    const b = branch();
    const mainOps = [
      op(1, { serverSeq: 12 }),
      op(2, { serverSeq: 30 }),
      op(3, { branchId: b.id, serverSeq: 99 }),
    ];
    const moved = movedBase(
      b,
      mainOps,
      { instanceId: 'inst-bbbb', hlc: hlc(1_800_000_000_000, 'inst-bbbb') },
      42,
    );
    expect(moved).toMatchObject({ baseSeq: 30, baseInstanceId: 'inst-bbbb', updatedAt: 42 });
    expect(movedBase(moved, mainOps, { instanceId: 'inst-bbbb', hlc: moved.baseHlc }, 50)).toBe(moved);
    expect(movedBase(b, [], { instanceId: 'inst-bbbb', hlc: null }, 50)).toBe(b);
  });

  it('names main changes after the base that touch items the branch changed', () => {
    const b = branch({ baseSeq: 10 });
    const ops = [
      op(1, { branchId: b.id }), // branch touches item1
      op(6, { serverSeq: 11 }), // main, item1, after base
      op(11, { serverSeq: 12 }), // main, item1 again
      op(16, { serverSeq: 5 }), // main, item1, before base: not news
      op(2, { serverSeq: 13 }), // main, item2: branch never touched it
    ];
    expect(mainChangesTouchingBranch(b, ops)).toEqual([
      { itemId: op(1).itemId, path: 'Acme.item1', opCount: 2 },
    ]);
    expect(mainChangesTouchingBranch(b, [op(2, { serverSeq: 13 })])).toEqual([]);
  });
});

describe('branch records from the server', () => {
  const server = (fields: Partial<ServerBranch>): ServerBranch => ({
    ...branch(),
    collaborators: [],
    changeSeq: 3,
    ...fields,
  });

  it('reports an open local branch merged elsewhere, with the server’s state', () => {
    const arrival = receiveBranch(
      branch(),
      server({ state: 'merged', mergedBy: 'bob', mergedAt: 9, updatedAt: 9 }),
      false,
    );
    expect(arrival.closedElsewhere).toBe('merged');
    expect(arrival.branch).toMatchObject({ state: 'merged', mergedBy: 'bob', mergedAt: 9 });
    expect(arrival.branch).not.toHaveProperty('changeSeq');
    expect(receiveBranch(arrival.branch, server({ state: 'merged' }), false).closedElsewhere).toBeNull();
  });

  it('keeps local unsent changes of an open branch, otherwise takes the server’s', () => {
    const local = branch({ mainPolicy: 'follow', baseSeq: 50 });
    expect(receiveBranch(local, server({ baseSeq: 10 }), true).branch.baseSeq).toBe(50);
    expect(receiveBranch(local, server({ baseSeq: 10 }), false).branch.baseSeq).toBe(10);
    expect(receiveBranch(null, server({}), false)).toEqual({
      branch: { ...branch(), collaborators: [] },
      closedElsewhere: null,
    });
  });

  it('always takes who may change the branch from the server, even while local changes are unsent', () => {
    const local = branch({ mainPolicy: 'follow', collaborators: ['bob'] });
    const arrival = receiveBranch(local, server({ collaborators: ['carol'] }), true);
    expect(arrival.branch).toMatchObject({ mainPolicy: 'follow', collaborators: ['carol'] });
  });
});

describe('errors', () => {
  it('tells offline, auth and refusals apart', () => {
    expect(classifySyncError({ code: 'offline', message: 'x' }).kind).toBe('offline');
    expect(classifySyncError(Object.assign(new Error('no'), { code: 'forbidden' })).kind).toBe('auth');
    expect(classifySyncError(Object.assign(new Error('bad'), { code: 'bad_request', opId: 'op-1' }))).toEqual(
      {
        kind: 'refused',
        message: 'bad',
        opId: 'op-1',
      },
    );
    expect(classifySyncError(new Error('boom')).kind).toBe('transient');
    expect([0, 1, 2, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 60_000]);
  });
});
