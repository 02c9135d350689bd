import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../model/index.js';
import {
  afterFailure,
  afterRestart,
  backoffDelayMs,
  canStep,
  findIntent,
  forRetry,
  makeQueueEntry,
  moveEntry,
  nextWakeAt,
  QueueOrderError,
  RETRY_CAP_MS,
  RETRY_LIMIT,
  runnableEntries,
  upgradeQueueEntryV0,
  waitReasons,
} from './index.js';

let n = 0;
function entry(lane: string, overrides: Partial<QueueEntry> = {}): QueueEntry {
  n += 1;
  const made = makeQueueEntry(
    { type: 'merge_branch', payload: {}, idempotencyKey: `k-${n}`, title: `e${n}`, lane },
    `entry-${String(n).padStart(4, '0')}`,
    n * 10,
  );
  return { ...made, ...overrides };
}
const ids = (entries: QueueEntry[]) => entries.map((e) => e.title);

describe('which entries may run', () => {
  it('runs the head of each lane, FIFO across lanes', () => {
    const a1 = entry('A');
    const b1 = entry('B');
    const a2 = entry('A');
    expect(ids(runnableEntries([a2, b1, a1], 0))).toEqual([a1.title, b1.title]);
  });

  it('a failed entry blocks only later entries of its own lane', () => {
    const a1 = entry('A', { status: 'failed', error: 'no' });
    const a2 = entry('A');
    const b1 = entry('B');
    const reasons = waitReasons([a1, a2, b1], 0);
    expect(reasons.get(a1.id)).toBe('failed');
    expect(reasons.get(a2.id)).toBe('blocked');
    expect(ids(runnableEntries([a1, a2, b1], 0))).toEqual([b1.title]);
  });

  it('an entry in backoff waits; the lane behind it waits too; others run', () => {
    const a1 = entry('A', { nextAttemptAt: 500 });
    const a2 = entry('A');
    const b1 = entry('B');
    expect(ids(runnableEntries([a1, a2, b1], 100))).toEqual([b1.title]);
    expect(nextWakeAt([a1, a2, b1], 100)).toBe(500);
    expect(ids(runnableEntries([a1, a2, b1], 500))).toEqual([a1.title, b1.title]);
  });

  it('completed entries hold nothing back', () => {
    const a1 = entry('A', { status: 'completed' });
    const a2 = entry('A');
    expect(ids(runnableEntries([a1, a2], 0))).toEqual([a2.title]);
  });
});

describe('failure, backoff and the retry limit', () => {
  it('backs off exponentially with jitter, never above the cap', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(1000);
    expect(backoffDelayMs(0, () => 1)).toBe(2000);
    expect(backoffDelayMs(3, () => 1)).toBe(16_000);
    expect(backoffDelayMs(50, () => 1)).toBe(RETRY_CAP_MS);
    expect(backoffDelayMs(50, () => 0)).toBe(RETRY_CAP_MS / 2);
    expect(backoffDelayMs(2, () => Number.NaN)).toBe(4000);
  });

  it('a transient failure counts a retry and waits; at the limit the entry is failed and kept', () => {
    let e = entry('A');
    e = afterFailure(e, { kind: 'transient', message: 'timeout' }, 1000, () => 0);
    expect(e).toMatchObject({ status: 'pending', retryCount: 1, error: 'timeout', nextAttemptAt: 2000 });
    for (let i = 1; i < RETRY_LIMIT; i++) e = afterFailure(e, { kind: 'transient', message: 'x' }, 0);
    expect(e).toMatchObject({ status: 'failed', retryCount: RETRY_LIMIT, nextAttemptAt: 0 });
  });

  it('offline counts nothing; a refusal fails at once with the message', () => {
    const e = entry('A');
    expect(afterFailure(e, { kind: 'offline', message: 'down' }, 0)).toMatchObject({
      status: 'pending',
      retryCount: 0,
    });
    expect(afterFailure(e, { kind: 'refused', message: 'locked' }, 0)).toMatchObject({
      status: 'failed',
      retryCount: 1,
      error: 'locked',
    });
  });

  it('retry makes a failed entry due now; a syncing entry after a restart runs again', () => {
    const failed = entry('A', { status: 'failed', retryCount: 3, nextAttemptAt: 99 });
    expect(forRetry(failed)).toMatchObject({ status: 'pending', retryCount: 3, nextAttemptAt: 0 });
    expect(afterRestart(entry('A', { status: 'syncing' })).status).toBe('pending');
  });
});

describe('reorder where order is free', () => {
  it('moves an entry past independent ones', () => {
    const a1 = entry('A');
    const b1 = entry('B');
    const c1 = entry('C');
    const changed = moveEntry([a1, b1, c1], c1.id, 0);
    const byId = new Map([a1, b1, c1].map((e) => [e.id, e]));
    for (const c of changed) byId.set(c.id, c);
    expect(ids(runnableEntries([...byId.values()], 0))).toEqual([c1.title, a1.title, b1.title]);
  });

  it('refuses to pass an entry of the same lane, naming both', () => {
    const a1 = entry('A');
    const b1 = entry('B');
    const a2 = entry('A');
    expect(() => moveEntry([a1, b1, a2], a2.id, 0)).toThrow(QueueOrderError);
    expect(() => moveEntry([a1, b1, a2], a2.id, 0)).toThrow(/cannot pass/);
    expect(
      moveEntry([a1, b1, a2], a2.id, 1)
        .map((e) => e.id)
        .sort(),
    ).toEqual([b1.id, a2.id].sort());
  });

  it('refuses an unknown id or a position outside the queue', () => {
    const a1 = entry('A');
    expect(() => moveEntry([a1], 'nope', 0)).toThrow(/no queue entry "nope"/);
    expect(() => moveEntry([a1], a1.id, 3)).toThrow(/outside the queue/);
  });

  it('step buttons only where the neighbour is independent', () => {
    const a1 = entry('A');
    const a2 = entry('A');
    const b1 = entry('B');
    expect(canStep([a1, a2, b1], a2.id, -1)).toBeNull();
    expect(canStep([a1, a2, b1], a2.id, 1)).toBe(2);
    expect(canStep([a1, a2, b1], a1.id, -1)).toBeNull();
  });

  it('entries with equal positions get distinct ones after a move', () => {
    const a = entry('A', { position: 5 });
    const b = entry('B', { position: 5 });
    const c = entry('C', { position: 5 });
    const changed = moveEntry([a, b, c], c.id, 0);
    expect(new Set(changed.map((e) => e.position)).size).toBe(3);
  });
});

describe('intents and old rows', () => {
  it('finds an unfinished entry by idempotency key', () => {
    const a = entry('A');
    expect(findIntent([a], a.idempotencyKey)).toBe(a);
    expect(findIntent([{ ...a, status: 'completed' }], a.idempotencyKey)).toBeUndefined();
  });

  it('upgrades a v0 merge row into its branch lane', () => {
    const v1 = upgradeQueueEntryV0({
      id: 'q-0000001',
      type: 'merge_branch',
      payload: { branchId: 'branch-1' },
      createdAt: 7,
      status: 'pending',
      retryCount: 0,
      error: null,
      idempotencyKey: 'merge_branch:branch-1',
    });
    expect(v1).toMatchObject({ lane: 'branch:branch-1', position: 7, nextAttemptAt: 0 });
  });
});

describe('a branch push placed before the rest of its lane', () => {
  it('runs before a merge queued earlier on the same branch', () => {
    const merge = entry('branch:b1');
    const push = makeQueueEntry(
      {
        type: 'push_ops',
        payload: {},
        idempotencyKey: 'push',
        title: 'push',
        lane: 'branch:b1',
        position: merge.position - 0.001,
      },
      'push-entry-01',
      merge.createdAt + 5,
    );
    expect(runnableEntries([merge, push], 0).map((e) => e.id)).toEqual([push.id]);
  });
});

describe("a server's Retry-After", () => {
  it('holds an entry back at least as long as the server asked, offline or transient', () => {
    const busy = { kind: 'offline' as const, message: 'The server is busy', retryAfterMs: 30_000 };
    const waited = afterFailure(entry('main'), busy, 1000, () => 0);
    expect(waited).toMatchObject({ status: 'pending', retryCount: 0, nextAttemptAt: 31_000 });
    expect(waited.error).toBe('The server is busy');
    expect(runnableEntries([waited], 30_999)).toEqual([]);
    expect(runnableEntries([waited], 31_000)).toHaveLength(1);

    const transient = afterFailure(entry('main'), { ...busy, kind: 'transient' }, 1000, () => 0);
    expect(transient.nextAttemptAt).toBe(31_000); // above the 1–2 s backoff
    const short = afterFailure(entry('main'), { ...busy, kind: 'transient', retryAfterMs: 1 }, 1000, () => 1);
    expect(short.nextAttemptAt).toBe(1000 + backoffDelayMs(0, () => 1)); // the backoff when it is longer
    // Plain offline leaves the entry as it was.
    expect(afterFailure(entry('main'), { kind: 'offline', message: 'down' }, 1000).nextAttemptAt).toBe(0);
  });
});
