import { describe, expect, it } from 'vitest';
import {
  initialSyncState,
  mayRunOnItsOwn,
  newsToPull,
  transition,
  type SyncEffect,
  type SyncEvent,
  type SyncMachineState,
} from './engine-machine.js';
import { ENGINE_RETRY, retryDelay } from './retry-policy.js';

const idle = initialSyncState(true);
const at = (patch: Partial<SyncMachineState>): SyncMachineState => ({ ...idle, ...patch });
const failed = (failure: 'offline' | 'transient' | 'refused' | 'auth', retryAfterMs = 0): SyncEvent => ({
  type: 'run-failed',
  failure,
  retryAfterMs,
  random: 0, // no jitter: the shortest wait the policy allows
});
const heard = (
  changeSeq: number,
  ...topics: ('ops' | 'branches' | 'namespaces' | 'approvals' | 'releases')[]
) => ({ type: 'heard', changeSeq, topics }) as const;

/** Each row: from this state, this event leads to this state (the fields named) and these effects. */
// prettier-ignore
const table: [string, SyncMachineState, SyncEvent, Partial<SyncMachineState>, SyncEffect[]][] = [
  // news from the live stream
  ['news of ops past what is here pulls ops', at({ seen: 10 }), heard(12, 'ops'), { heard: 12 }, [{ type: 'pull', ops: true, topics: [] }]],
  ['the echo of our own push pulls nothing', at({ seen: 12 }), heard(12, 'ops'), { heard: 12 }, []],
  ['news of approvals alone pulls approvals, not ops', at({ seen: 12, heard: 12 }), heard(13, 'approvals'), { topics: ['approvals'] }, [{ type: 'pull', ops: false, topics: ['approvals'] }]],
  ['news of releases alone is not the engine’s', at({ seen: 12, heard: 12 }), heard(12, 'releases'), { topics: [] }, []],
  ['a reconnect’s hello names everything', at({ seen: 5 }), heard(9, 'ops', 'branches', 'namespaces', 'approvals', 'releases'), { heard: 9 }, [{ type: 'pull', ops: true, topics: ['branches', 'namespaces', 'approvals'] }]],
  ['news while the gate is closed waits', at({ gate: false, seen: 1 }), heard(4, 'ops'), { heard: 4 }, []],
  ['news while paused waits', at({ phase: 'paused', seen: 1 }), heard(4, 'ops'), { phase: 'paused', heard: 4 }, []],
  ['news after giving up starts again', at({ phase: 'gave-up', failures: 24 }), heard(4, 'ops'), { phase: 'idle', failures: 0 }, [{ type: 'pull', ops: true, topics: [] }]],
  // our own pushes
  ['acks that follow on move what is here', at({ seen: 10 }), { type: 'acked', changeSeqs: [11, 12, 13] }, { seen: 13, own: [] }, []],
  ['acks after a gap wait for the gap', at({ seen: 10 }), { type: 'acked', changeSeqs: [12, 13] }, { seen: 10, own: [12, 13] }, []],
  ['an ack filling the gap moves over all', at({ seen: 10, own: [12, 13] }), { type: 'acked', changeSeqs: [11] }, { seen: 13, own: [] }, []],
  ['a repeated ack below what is here changes nothing', at({ seen: 10 }), { type: 'acked', changeSeqs: [3] }, { seen: 10, own: [] }, []],
  ['acks out of order and repeated are kept once, ascending', at({ seen: 10, own: [14, 16] }), { type: 'acked', changeSeqs: [17, 12, 14] }, { seen: 10, own: [12, 14, 16, 17] }, []],
  // runs
  ['a pull takes the news it starts with', at({ heard: 9, topics: ['approvals'] }), { type: 'run-started', pulls: true }, { phase: 'running', topics: [], inFlight: { upTo: 9, topics: ['approvals'] } }, []],
  ['a push run leaves the news for a pull', at({ heard: 9 }), { type: 'run-started', pulls: false }, { phase: 'running', inFlight: null }, []],
  ['a pull that succeeds has seen what it started with', at({ phase: 'running', heard: 9, inFlight: { upTo: 9, topics: [] } }), { type: 'run-succeeded' }, { phase: 'idle', seen: 9, inFlight: null }, []],
  ['news during a run is pulled after it', at({ phase: 'running', heard: 11, inFlight: { upTo: 9, topics: [] } }), { type: 'run-succeeded' }, { phase: 'idle', seen: 9 }, [{ type: 'pull', ops: true, topics: [] }]],
  ['success clears the count of failures', at({ phase: 'retrying', failures: 3 }), { type: 'run-succeeded' }, { phase: 'idle', failures: 0 }, []],
  // failures and the one retry policy
  ['offline: retry after the policy’s first wait', at({ phase: 'running' }), failed('offline'), { phase: 'retrying', failures: 1 }, [{ type: 'arm-retry', inMs: 500 }]],
  ['the wait doubles', at({ phase: 'running', failures: 3 }), failed('transient'), { phase: 'retrying', failures: 4 }, [{ type: 'arm-retry', inMs: 4_000 }]],
  ['a busy server’s Retry-After is never undercut', at({ phase: 'running' }), failed('transient', 3_000), { failures: 1 }, [{ type: 'arm-retry', inMs: 3_000 }]],
  ['at the limit it gives up (no timer)', at({ phase: 'running', failures: 24 }), failed('offline'), { phase: 'gave-up', failures: 25 }, [{ type: 'cancel-retry' }]],
  ['a refused account pauses', at({ phase: 'running' }), failed('auth'), { phase: 'paused' }, [{ type: 'cancel-retry' }]],
  ['a failure while paused arms nothing', at({ phase: 'paused' }), failed('offline'), { phase: 'paused', failures: 0 }, [{ type: 'cancel-retry' }]],
  ['a failed pull keeps its news', at({ phase: 'running', inFlight: { upTo: 9, topics: ['branches'] } }), failed('offline'), { topics: ['branches'], seen: 0 }, [{ type: 'arm-retry', inMs: 500 }]],
  ['a failure with the gate closed arms nothing', at({ gate: false, phase: 'running' }), failed('offline'), { phase: 'idle', failures: 1 }, []],
  // the person and the gate
  ['Sync now resumes a paused engine', at({ phase: 'paused' }), { type: 'user-asked' }, { phase: 'idle' }, []],
  ['Sync now resumes after giving up', at({ phase: 'gave-up', failures: 24 }), { type: 'user-asked' }, { phase: 'idle', failures: 0 }, []],
  ['a local write after giving up starts again', at({ phase: 'gave-up', failures: 24 }), { type: 'local-write' }, { phase: 'idle', failures: 0 }, []],
  ['opening the gate syncs what waited', at({ gate: false }), { type: 'gate', open: true }, { gate: true }, [{ type: 'sync-pending' }]],
  ['closing the gate stops retrying', at({ phase: 'retrying', failures: 2 }), { type: 'gate', open: false }, { gate: false, phase: 'idle' }, [{ type: 'cancel-retry' }]],
  ['stop cancels the timer', at({ phase: 'retrying' }), { type: 'stop' }, { phase: 'stopped' }, [{ type: 'cancel-retry' }]],
  ['a stopped engine ignores everything', at({ phase: 'stopped' }), heard(99, 'ops'), { phase: 'stopped', heard: 0 }, []],
];

describe('the sync engine as a state machine', () => {
  it.each(table)('%s', (_name, from, event, expected, effects) => {
    const next = transition(from, event);
    expect(next.state).toMatchObject(expected);
    expect(next.effects).toEqual(effects);
  });

  it('does not change the state it was given', () => {
    const from = at({ seen: 10, own: [12] });
    const copy = structuredClone(from);
    transition(from, { type: 'acked', changeSeqs: [11] });
    expect(from).toEqual(copy);
  });

  it('a push and its echo, in either order, cost no pull once the client has caught up', () => {
    // caught up to 20 by a pull
    let s = transition(at({ heard: 20 }), { type: 'run-started', pulls: true }).state;
    s = transition(s, { type: 'run-succeeded' }).state;
    // the echo arrives before the push's answer: the pull it asks for is decided when it runs
    s = transition(s, { type: 'run-started', pulls: false }).state;
    const early = transition(s, heard(23, 'ops'));
    expect(early.effects).toEqual([]); // mid-run: the run's end decides
    s = transition(early.state, { type: 'acked', changeSeqs: [21, 22, 23] }).state;
    const done = transition(s, { type: 'run-succeeded' });
    expect(done.effects).toEqual([]);
    expect(newsToPull(done.state)).toBeNull();
  });

  it('someone else’s change between ours is pulled', () => {
    let s = at({ seen: 20 });
    s = transition(s, { type: 'acked', changeSeqs: [22, 23] }).state; // 21 is someone else's
    const news = transition(s, heard(23, 'ops'));
    expect(news.effects).toEqual([{ type: 'pull', ops: true, topics: [] }]);
  });

  it('may run on its own only with the gate open and not paused or stopped', () => {
    expect(mayRunOnItsOwn(idle)).toBe(true);
    expect(mayRunOnItsOwn(at({ gate: false }))).toBe(false);
    expect(mayRunOnItsOwn(at({ phase: 'paused' }))).toBe(false);
    expect(mayRunOnItsOwn(at({ phase: 'gave-up' }))).toBe(true); // a write or news starts again
  });
});

describe('the retry policy', () => {
  it('jitters between half and all of a doubling wait, capped', () => {
    expect(retryDelay(ENGINE_RETRY, 0, 0)).toBe(500);
    expect(retryDelay(ENGINE_RETRY, 0, 0.999999)).toBe(1_000);
    expect(retryDelay(ENGINE_RETRY, 2, 0.5)).toBe(3_000);
    expect(retryDelay(ENGINE_RETRY, 20, 1)).toBe(60_000);
    expect(retryDelay(ENGINE_RETRY, 20, 0)).toBe(30_000);
  });

  it('has a limit, and never undercuts the server’s Retry-After', () => {
    expect(retryDelay(ENGINE_RETRY, ENGINE_RETRY.limit, 0)).toBeNull();
    expect(retryDelay(ENGINE_RETRY, 0, 0, 7_000)).toBe(7_000);
    expect(retryDelay(ENGINE_RETRY, 0, Number.NaN)).toBe(500); // a broken random source still waits
  });
});

describe('a large push', () => {
  it('keeps 100,000 acknowledged positions behind a gap, and moves over all of them when it closes', () => {
    let s = at({ seen: 10 });
    for (let batch = 0; batch < 100; batch++) {
      const changeSeqs = Array.from({ length: 1000 }, (_, i) => 12 + batch * 1000 + i);
      s = transition(s, { type: 'acked', changeSeqs }).state;
    }
    expect(s.seen).toBe(10);
    expect(s.own).toHaveLength(100_000);
    s = transition(s, { type: 'acked', changeSeqs: [11] }).state;
    expect(s.seen).toBe(100_011);
    expect(s.own).toEqual([]);
  });
});
