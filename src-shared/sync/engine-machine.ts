import type { ChangeTopic } from '../sync-protocol/index.js';
import { ENGINE_RETRY, retryDelay, type RetryPolicy } from './retry-policy.js';

/**
 * The sync engine's decisions, as a pure state machine. The renderer's
 * adapter (src-renderer/sync/engine.ts) feeds it events — the strategy gate,
 * live-stream news, our own pushes' acknowledgements, the start and end of
 * each run, a person asking — and carries out the effects it returns (start a
 * pull, arm or cancel the retry timer). It holds no timers and does no I/O.
 *
 * Phases:
 * - idle: nothing in flight; news or a local write starts a run.
 * - running: a run is in the engine's serial chain.
 * - retrying: the last run failed; the retry timer is armed.
 * - gave-up: the retry limit was reached; the next news, local write or
 *   "Sync now" starts again (no timer runs meanwhile).
 * - paused: the server refused the account; only the person can resume.
 * - stopped: the engine closed; every event is ignored.
 *
 * Live news carries topics and a change position. `seen` is the position up
 * to which this client already has everything the engine pulls: raised when
 * a pull that started after the news succeeds, and by our own pushes'
 * acknowledged positions when they follow on without a gap. News at or below
 * `seen` — the echo of our own push — costs no pull.
 */
export type SyncPhase = 'idle' | 'running' | 'retrying' | 'gave-up' | 'paused' | 'stopped';

export interface SyncMachineState {
  phase: SyncPhase;
  /** The strategy / travel gate: open = the engine syncs on its own. */
  gate: boolean;
  /** Failed runs in a row. */
  failures: number;
  /** Every change up to this position is here. */
  seen: number;
  /** Positions above `seen` that our own pushes drew (from their acks), ascending. */
  own: readonly number[];
  /** The newest ops position the live stream announced. */
  heard: number;
  /** Topics other than ops announced and not pulled yet. */
  topics: readonly ChangeTopic[];
  /** What the pull in flight will have covered when it succeeds. */
  inFlight: { upTo: number; topics: readonly ChangeTopic[] } | null;
}

export type RunFailure = 'offline' | 'transient' | 'refused' | 'auth';

export type SyncEvent =
  | { type: 'gate'; open: boolean }
  | { type: 'heard'; changeSeq: number; topics: readonly ChangeTopic[] }
  | { type: 'acked'; changeSeqs: readonly number[] }
  | { type: 'local-write' }
  | { type: 'run-started'; pulls: boolean }
  | { type: 'run-succeeded' }
  /** `random` in [0, 1) draws the retry's jitter, so the machine stays pure. */
  | { type: 'run-failed'; failure: RunFailure; retryAfterMs: number; random: number }
  | { type: 'user-asked' }
  | { type: 'stop' };

export type SyncEffect =
  /** Pull what the news named: `ops` when the position is past `seen`, plus these other topics. */
  | { type: 'pull'; ops: boolean; topics: readonly ChangeTopic[] }
  /** The gate opened: sync what waited. */
  | { type: 'sync-pending' }
  | { type: 'arm-retry'; inMs: number }
  | { type: 'cancel-retry' };

export interface Transition {
  state: SyncMachineState;
  effects: SyncEffect[];
}

export const INITIAL_SYNC_STATE: SyncMachineState = Object.freeze({
  phase: 'idle',
  gate: true,
  failures: 0,
  seen: 0,
  own: [],
  heard: 0,
  topics: [],
  inFlight: null,
});

export function initialSyncState(gate: boolean): SyncMachineState {
  return { ...INITIAL_SYNC_STATE, gate };
}

/** Releases are the release notifier's business; the engine pulls nothing for them. */
const ENGINE_TOPICS: readonly ChangeTopic[] = ['branches', 'namespaces', 'approvals'];

export function transition(
  state: SyncMachineState,
  event: SyncEvent,
  policy: RetryPolicy = ENGINE_RETRY,
): Transition {
  if (state.phase === 'stopped') return { state, effects: [] };
  switch (event.type) {
    case 'gate':
      return onGate(state, event.open);
    case 'heard':
      return onHeard(state, event.changeSeq, event.topics);
    case 'acked':
      return { state: advance({ ...state, own: merged(state.own, event.changeSeqs) }), effects: [] };
    case 'local-write':
      return {
        state: state.phase === 'gave-up' ? { ...state, phase: 'idle', failures: 0 } : state,
        effects: [],
      };
    case 'run-started':
      return { state: onRunStarted(state, event.pulls), effects: [] };
    case 'run-succeeded':
      return onRunSucceeded(state);
    case 'run-failed':
      return onRunFailed(state, event, policy);
    case 'user-asked':
      return { state: resumed(state), effects: [] };
    case 'stop':
      return { state: { ...state, phase: 'stopped', inFlight: null }, effects: [{ type: 'cancel-retry' }] };
  }
}

/** What the live news asks for now (null: nothing; the echo of our own push is nothing). */
export function newsToPull(state: SyncMachineState): { ops: boolean; topics: readonly ChangeTopic[] } | null {
  const ops = state.heard > state.seen;
  return ops || state.topics.length > 0 ? { ops, topics: state.topics } : null;
}

/** May the engine start work on its own (push after a write, pull on news, retry)? */
export function mayRunOnItsOwn(state: SyncMachineState): boolean {
  return state.gate && state.phase !== 'paused' && state.phase !== 'stopped';
}

function onGate(state: SyncMachineState, open: boolean): Transition {
  if (open === state.gate) return { state, effects: [] };
  if (!open) {
    const phase = state.phase === 'retrying' ? 'idle' : state.phase;
    return { state: { ...state, gate: false, phase }, effects: [{ type: 'cancel-retry' }] };
  }
  const next = { ...state, gate: true };
  return { state: next, effects: next.phase === 'paused' ? [] : [{ type: 'sync-pending' }] };
}

function onHeard(state: SyncMachineState, changeSeq: number, topics: readonly ChangeTopic[]): Transition {
  let next: SyncMachineState = {
    ...state,
    heard: topics.includes('ops') ? Math.max(state.heard, changeSeq) : state.heard,
    topics: union(
      state.topics,
      topics.filter((t) => ENGINE_TOPICS.includes(t)),
    ),
  };
  // News from the server is a reason to try again after giving up.
  if (next.phase === 'gave-up') next = { ...next, phase: 'idle', failures: 0 };
  const wanted = newsToPull(next);
  // During a run the run's end decides: by then our push's acks may have made the news an echo.
  if (!wanted || !mayRunOnItsOwn(next) || next.phase === 'running') return { state: next, effects: [] };
  return { state: next, effects: [{ type: 'pull', ...wanted }] };
}

function onRunStarted(state: SyncMachineState, pulls: boolean): SyncMachineState {
  const phase = state.phase === 'paused' ? 'paused' : 'running';
  if (!pulls) return { ...state, phase };
  return { ...state, phase, inFlight: { upTo: state.heard, topics: state.topics }, topics: [] };
}

function onRunSucceeded(state: SyncMachineState): Transition {
  const seen = state.inFlight ? Math.max(state.seen, state.inFlight.upTo) : state.seen;
  const phase = state.phase === 'paused' ? 'paused' : 'idle';
  const next = advance({ ...state, phase, failures: 0, seen, inFlight: null });
  // An armed retry stays armed: it also sends what a failed eager push left behind.
  const effects: SyncEffect[] = [];
  // News that arrived while the run was in flight is pulled next.
  const wanted = newsToPull(next);
  if (wanted && mayRunOnItsOwn(next)) effects.push({ type: 'pull', ...wanted });
  return { state: next, effects };
}

function onRunFailed(
  state: SyncMachineState,
  event: Extract<SyncEvent, { type: 'run-failed' }>,
  policy: RetryPolicy,
): Transition {
  // What the failed pull was to bring is still wanted. A paused engine stays paused, without a retry.
  const topics = union(state.topics, state.inFlight?.topics ?? []);
  const base = { ...state, topics, inFlight: null };
  if (event.failure === 'auth' || state.phase === 'paused') {
    return { state: { ...base, phase: 'paused' }, effects: [{ type: 'cancel-retry' }] };
  }
  const failures = state.failures + 1;
  if (!state.gate) return { state: { ...base, phase: 'idle', failures }, effects: [] };
  // Failure k schedules retry number k - 1; past the policy's limit of retries it gives up.
  const wait = retryDelay(policy, failures - 1, event.random, event.retryAfterMs);
  if (wait === null)
    return { state: { ...base, phase: 'gave-up', failures }, effects: [{ type: 'cancel-retry' }] };
  return { state: { ...base, phase: 'retrying', failures }, effects: [{ type: 'arm-retry', inMs: wait }] };
}

function resumed(state: SyncMachineState): SyncMachineState {
  if (state.phase === 'paused' || state.phase === 'gave-up') return { ...state, phase: 'idle', failures: 0 };
  return state;
}

/**
 * Moves `seen` over our own positions that follow it without a gap. A large
 * push keeps up to 100,000 positions here while a gap below them is open,
 * and this runs on every event: one pass, no shifting.
 */
function advance(state: SyncMachineState): SyncMachineState {
  let seen = state.seen;
  let from = 0;
  const own = state.own;
  while (from < own.length && (own[from] as number) <= seen + 1) {
    seen = Math.max(seen, own[from] as number);
    from += 1;
  }
  return from === 0 ? state : { ...state, seen, own: own.slice(from) };
}

/** Both ascending lists as one, without repeats: one merge pass (a push adds a batch at a time). */
function merged(own: readonly number[], positions: readonly number[]): number[] {
  const added = [...positions].sort((a, b) => a - b);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < own.length || j < added.length) {
    const next =
      j >= added.length || (i < own.length && (own[i] as number) <= (added[j] as number))
        ? (own[i++] as number)
        : (added[j++] as number);
    if (out.length === 0 || (out[out.length - 1] as number) !== next) out.push(next);
  }
  return out;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}
