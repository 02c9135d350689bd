import { ValidationError } from '../../src-shared/errors.js';
import { MAIN_BRANCH, MainPolicySchema, type Branch, type MainPolicy } from '../../src-shared/model/index.js';
import { RemoteChangedSchema, type RemoteChanged } from '../../src-shared/bridge/connection.js';
import { classifySyncError, serverRetryAfterMs } from '../../src-shared/sync/errors.js';
import {
  initialSyncState,
  mayRunOnItsOwn,
  transition,
  type SyncEvent,
  type SyncMachineState,
} from '../../src-shared/sync/engine-machine.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { baseFollowsMain, branchesToPull } from '../../src-shared/sync/main-policy.js';
import { followedBranchesToPull } from '../../src-shared/sync/followed-branches.js';
import type { ApprovalsApi } from '../../src-shared/sync/approvals-api.js';
import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';
import type { UpdateCollaboratorsRequest } from '../../src-shared/sync-protocol/index.js';
import type { TetherDb } from '../db/index.js';
import type { Identity } from '../workspace/identity.js';
import type { Workspace } from '../workspace/workspace.js';
import type { SyncContext } from './context.js';
import { fillHistory, historyPending, needsFreshStart, pullHeads } from './fresh-start.js';
import { conflictsIn, mainChangedNotice, moveBaseToMain } from './main-follow.js';
import { checkBranchIfDue } from './anti-entropy.js';
import { syncApprovals } from './approvals/index.js';
import { queueMerge } from './merge-queue.js';
import { changeBranchPeople } from './branch-people.js';
import { countPull, pullBranchOps, pullBranchRecords, pullNamespaceRecords } from './pull.js';
import { pushBranch, pushPlanFor } from './push.js';
import { hasRunnableWork } from './queue/actions.js';
import { QueueRunner, type DrainResult } from './queue/runner.js';
import { SyncStateHolder } from './state-holder.js';
import { IDLE, type SyncEngineState, type SyncNotice, type SyncPreview, type SyncSummary } from './types.js';

export interface SyncEngineOptions {
  db: TetherDb;
  workspace: Workspace;
  remote: RemoteApi;
  /** Approval requests: queued submissions are sent and requests pulled on every sync. */
  approvals?: ApprovalsApi;
  /** Releases: queued release writes (drafts, proofs, promotions made offline) are sent. */
  releases?: ReleasesApi;
  identity: Identity;
  /**
   * Main's 'remote.changed' event: the server has news, so pull what it names.
   * Without a payload the news is taken to name everything.
   */
  onRemoteChanged?: (listener: (changed?: unknown) => void) => () => void;
  /** The branches the profile's other tabs show (src-renderer/sync/leader/): news of ops pulls them too. */
  shownElsewhere?: () => readonly string[];
  now?: () => number;
  /** Debounce of the eager push after a local write (ms). */
  pushDelayMs?: number;
  /** False: no sync on its own (manual or periodic strategy, travel mode) until setAutoSync(true). */
  autoSync?: boolean;
  /** Anti-entropy compares each pulled branch with the server at most this often (ms; 0: every sync). */
  antiEntropyEveryMs?: number;
}

/**
 * Moves ops, branches and namespaces between the local database and the
 * server, one branch at a time. Local writes are pushed eagerly (debounced);
 * the live stream triggers pulls; an unreachable server is a state with
 * retries, not an error. Runs are serialized, so two syncs never interleave.
 *
 * The decisions (may it run on its own, what news to pull, when to retry,
 * when to give up) are the pure state machine's (src-shared/sync/engine-machine.ts);
 * this class feeds it events and carries out its effects: timers, the serial
 * chain, the calls to the server and the database.
 */
export class SyncEngine {
  private readonly state = new SyncStateHolder();
  private readonly ctx: SyncContext;
  private readonly stops: (() => void)[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private pushTargets = new Set<string>();
  /** The engine's state machine: phase, gate, failures in a row, what news is already here. */
  private machine: SyncMachineState;
  /** The durable outbox (pushes, merges, approval submissions, resolutions). */
  private readonly queue: QueueRunner;
  /** The last queue drain ended offline: queue writes wait for the retry timer, not a busy loop. */
  private queueOffline = false;
  private history: Promise<void> = Promise.resolve();
  private historyRunning = false;
  /** The first run (fresh start, history) waits for the gate or a "Sync now". */
  private firstRunPending = false;

  private constructor(private readonly opts: SyncEngineOptions) {
    this.ctx = {
      db: opts.db,
      remote: this.observingAcks(opts.remote),
      identity: opts.identity,
      now: opts.now ?? Date.now,
      progress: (progress) => this.state.setProgress(progress),
      notice: (notice) => this.state.addNotice(notice),
      approvals: opts.approvals,
      releases: opts.releases,
    };
    this.queue = new QueueRunner(this.ctx);
    this.machine = initialSyncState(opts.autoSync ?? true);
  }

  static start(opts: SyncEngineOptions): SyncEngine {
    const engine = new SyncEngine(opts);
    engine.begin();
    return engine;
  }

  getState(): SyncEngineState {
    return this.state.get();
  }

  subscribe(listener: () => void): () => void {
    return this.state.subscribe(listener);
  }

  /** Push then pull one branch (default: the current one), plus main as its policy says. */
  syncNow(branchId?: string): Promise<SyncSummary> {
    this.dispatch({ type: 'user-asked' });
    const target = branchId ?? this.currentBranchId();
    if (this.firstRunPending)
      return this.enqueue(async () => (await this.firstRun(true)) ?? this.syncBranch(target), true, true);
    return this.enqueue(() => this.syncBranch(target), true, true);
  }

  /**
   * The strategy / travel gate. Closed: no push on save, no pull on the
   * server's news, no retries; only syncNow / syncPending reach the server.
   * Opening it syncs what waited.
   */
  setAutoSync(on: boolean): void {
    this.dispatch({ type: 'gate', open: on }); // opening it: the 'sync-pending' effect
  }

  /** Syncs the current branch and pushes what waits (the periodic tick, travel mode switched off). */
  syncPending(): Promise<unknown> {
    if (this.firstRunPending) return this.enqueue(() => this.firstRun(true), false, true);
    return this.enqueue(() => this.syncAndPush(), false, true);
  }

  /** Resolves once the history behind a heads-first start is local (true), or false if it is not. */
  async whenHistoryComplete(): Promise<boolean> {
    await this.history;
    return this.state.get().historyComplete;
  }

  /** What a sync would push and pull, without storing anything. */
  preview(branchId?: string): Promise<SyncPreview> {
    const id = branchId ?? this.currentBranchId();
    return this.enqueue(async () => {
      const plan = await pushPlanFor(this.ctx.db, id);
      const unacked = await this.ctx.db.ops.unacknowledged();
      const planned = new Set(plan.batches.flat().map((op) => op.id));
      const branch = await this.branchOrMain(id);
      let count = 0;
      const sample = [];
      for (const target of branchesToPull(branch)) {
        const part = await countPull(this.ctx, target);
        count += part.count;
        sample.push(...part.sample);
      }
      return {
        branchId: id,
        toPush: unacked.filter((op) => planned.has(op.id)),
        toPull: { count, sample: sample.slice(0, 20) },
      };
    });
  }

  /** Pulls main if the server answers, then moves the branch's base; works offline with what is local. */
  updateFromMain(branchId: string): Promise<{ conflicts: number }> {
    return this.enqueue(async () => {
      const branch = await this.openBranch(branchId);
      await this.tolerateOffline(() => pullBranchOps(this.ctx, MAIN_BRANCH));
      const moved = await moveBaseToMain(this.ctx, branch);
      await this.tolerateOffline(() => pushBranch(this.ctx, branchId));
      this.state.removeNotice(`main-changed-${branchId}`);
      this.state.setProgress(IDLE);
      return { conflicts: await conflictsIn(this.ctx.db, moved) };
    });
  }

  async setMainPolicy(branchId: string, policy: MainPolicy): Promise<void> {
    const parsed = MainPolicySchema.safeParse(policy);
    if (!parsed.success) throw new ValidationError(`Unknown main policy "${String(policy)}"`, 'mainPolicy');
    await this.enqueue(async () => {
      const branch = await this.openBranch(branchId);
      if (branch.mainPolicy === parsed.data) return;
      await this.ctx.db.branches.upsert({ ...branch, mainPolicy: parsed.data, updatedAt: this.ctx.now() });
    });
    this.schedulePush(branchId);
  }

  /** Tells the server a branch the workspace merged locally is merged; queued while offline. */
  async mergeBranchRemote(branchId: string): Promise<void> {
    await this.enqueue(() => queueMerge(this.ctx, branchId));
    this.inBackground(() => this.drainQueue());
  }

  /**
   * The owner shares a branch or stops sharing it (online only). Off the
   * engine's failure path: a refusal is the dialog's to show, and does not
   * pause sync the way a refused account does.
   */
  changeCollaborators(branchId: string, request: UpdateCollaboratorsRequest): Promise<Branch> {
    if (this.stopped) return Promise.reject(new Error('Sync has stopped'));
    const serially = <T>(task: () => Promise<T>): Promise<T> => {
      const run = this.chain.then(task);
      this.chain = run.catch(() => undefined);
      return run;
    };
    return changeBranchPeople(this.ctx, serially, branchId, request);
  }

  /** Runs the outbox now (after a Retry in the queue view); resolves with what it did. */
  runQueue(): Promise<DrainResult> {
    this.dispatch({ type: 'user-asked' });
    this.queueOffline = false;
    return this.enqueue(() => this.drainQueue(), true);
  }

  /** Sends queued approval submissions and pulls requests soon (after an author or owner acted). */
  syncApprovalsSoon(): void {
    if (this.stopped || this.paused) return;
    this.debounce('approvals', 20, () => this.inBackground(() => syncApprovals(this.ctx)));
  }

  dismissNotice(id: string): void {
    this.state.removeNotice(id);
  }

  async stop(): Promise<void> {
    this.dispatch({ type: 'stop' });
    this.opts.workspace.setServerConfigured(false);
    for (const stop of this.stops.splice(0)) stop();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.chain.catch(() => undefined);
    await this.history;
    this.state.unsubscribeAll();
  }

  // ---- internals ----

  private begin(): void {
    this.opts.workspace.setServerConfigured(true);
    this.stops.push(
      this.ctx.db.ops.changes((ops) => {
        for (const op of ops) if (op.serverSeq == null) this.schedulePush(op.branchId);
      }),
      this.ctx.db.queue.changes(() => void this.onQueueChanged()),
    );
    if (this.opts.onRemoteChanged)
      this.stops.push(this.opts.onRemoteChanged((changed) => this.heard(changed)));
    this.inBackground(() => this.firstRun(), true);
  }

  private async firstRun(force = false): Promise<SyncSummary | null> {
    await this.loadLastSynced();
    this.firstRunPending = !this.autoSync && !force;
    if (this.firstRunPending) return null; // the gate is closed: wait for it or for "Sync now"
    const pending = await historyPending(this.ctx);
    if (await needsFreshStart(this.ctx)) {
      await pullHeads(this.ctx);
      // Main's current items are here: that is a sync, whatever the branch round below does.
      await this.recordSynced(MAIN_BRANCH, this.ctx.now());
    } else if (!pending) this.state.patch({ historyComplete: true });
    this.state.setProgress(IDLE);
    this.resumeHistory();
    return this.syncBranch(this.currentBranchId());
  }

  /**
   * Fills the history behind a heads-first start in the background. A fill
   * that a network fault cut short starts again from its saved page at the
   * next sync that gets through, so bad Wi-Fi on the first day does not leave
   * history missing until the app restarts.
   */
  private resumeHistory(): void {
    if (this.historyRunning || this.stopped || this.state.get().historyComplete) return;
    this.historyRunning = true;
    this.history = this.fillHistoryBehind().finally(() => {
      this.historyRunning = false;
    });
  }

  private async fillHistoryBehind(): Promise<void> {
    if (!(await historyPending(this.ctx))) return this.state.patch({ historyComplete: true });
    try {
      await fillHistory(this.ctx, () => this.stopped);
      if (!(await historyPending(this.ctx))) this.state.patch({ historyComplete: true });
    } catch (error) {
      this.handleFailure(error);
    } finally {
      if (this.state.get().progress.phase === 'history') this.state.setProgress(IDLE);
    }
  }

  private async syncBranch(branchId: string): Promise<SyncSummary> {
    let branch = await this.branchOrMain(branchId);
    const pushed = (await this.drainQueue({ branchId })).pushed[branchId] ?? 0;
    const notices = await pullBranchRecords(this.ctx);
    await pullNamespaceRecords(this.ctx);
    await syncApprovals(this.ctx);
    const pulled = await this.pullAndCheck(branchesToPull(branch));
    branch = await this.branchOrMain(branchId);
    if (branch && branch.state === 'open') branch = await this.applyMainPolicy(branch, notices);
    for (const notice of notices) this.state.addNotice(notice);
    const summary: SyncSummary = {
      branchId,
      pushed,
      pulled,
      conflicts: await conflictsIn(this.ctx.db, branch),
      at: this.ctx.now(),
    };
    await this.ctx.db.meta.set(syncKeys.lastSyncedAt(this.ctx.identity.instanceId, branchId), summary.at);
    this.state.finished(summary);
    this.resumeHistory();
    return summary;
  }

  /** The last time `branchId` was brought up to date with the server on this computer. */
  private async recordSynced(branchId: string, at: number): Promise<void> {
    await this.ctx.db.meta.set(syncKeys.lastSyncedAt(this.ctx.identity.instanceId, branchId), at);
    this.state.patch({ lastSyncedAt: { ...this.state.get().lastSyncedAt, [branchId]: at } });
  }

  /** follow: the base moves with main (and is pushed); notify: a notice when main touched our items. */
  private async applyMainPolicy(branch: Branch, notices: SyncNotice[]): Promise<Branch> {
    if (baseFollowsMain(branch)) {
      const moved = await moveBaseToMain(this.ctx, branch);
      if (moved !== branch) await pushBranch(this.ctx, branch.id);
      return moved;
    }
    if (branch.mainPolicy === 'notify') {
      const notice = await mainChangedNotice(this.ctx.db, branch);
      if (notice) notices.push(notice);
      else this.state.removeNotice(`main-changed-${branch.id}`);
    }
    return branch;
  }

  private async loadLastSynced(): Promise<void> {
    const ids = [MAIN_BRANCH, ...(await this.ctx.db.branches.all()).map((b) => b.id)];
    const lastSyncedAt: Record<string, number> = {};
    for (const id of ids) {
      const at = await this.ctx.db.meta.get<number>(syncKeys.lastSyncedAt(this.ctx.identity.instanceId, id));
      if (typeof at === 'number') lastSyncedAt[id] = at;
    }
    this.state.patch({ lastSyncedAt: { ...lastSyncedAt, ...this.state.get().lastSyncedAt } });
  }

  private schedulePush(branchId: string): void {
    this.dispatch({ type: 'local-write' }); // after giving up, a write starts again
    if (this.stopped || this.paused) return;
    this.pushTargets.add(branchId);
    if (!this.autoSync) return; // waits in pushTargets for the next syncPending
    this.debounce('push', this.opts.pushDelayMs ?? 50, () => {
      const targets = [...this.pushTargets];
      this.pushTargets.clear();
      this.inBackground(() => this.pushEagerly(targets));
    });
  }

  /** A failed eager push keeps its targets, so the retry sends them too. */
  private async pushEagerly(targets: readonly string[]): Promise<void> {
    try {
      // The queue's push entries cover every branch with unsent ops, these targets included.
      await this.drainQueue();
    } catch (error) {
      for (const target of targets) this.pushTargets.add(target);
      throw error;
    }
  }

  /** One drain of the outbox; an entry waiting on backoff wakes the queue when it is due. */
  private async drainQueue(scope: { branchId?: string } = {}): Promise<DrainResult> {
    try {
      const result = await this.queue.drain(scope);
      this.queueOffline = false;
      // A push that ended on refused ops leaves "Sending 0 of 1" behind; the drain is over.
      if (this.state.get().progress.phase === 'pushing') this.state.setProgress(IDLE);
      if (result.wakeAt !== null) {
        const wait = Math.max(0, result.wakeAt - this.ctx.now());
        this.debounce('queue-wake', wait, () => this.inBackground(() => this.drainQueue()));
      }
      return result;
    } catch (error) {
      if (classifySyncError(error).kind === 'offline') this.queueOffline = true;
      throw error;
    }
  }

  /** A new or retried entry (from any tab or helper) runs soon; the runner's own writes find nothing to do. */
  private async onQueueChanged(): Promise<void> {
    if (this.stopped || this.paused || this.queueOffline || !this.autoSync) return;
    if (!(await hasRunnableWork(this.ctx.db, this.ctx.now()))) return;
    this.debounce('queue', this.opts.pushDelayMs ?? 50, () => this.inBackground(() => this.drainQueue()));
  }

  /**
   * News from the live stream. A payload that is missing or not news (a test
   * feed, an older main) names everything just past what is here, so it
   * always pulls and never makes the machine think it has more than it has.
   */
  private heard(changed?: unknown): void {
    const parsed = RemoteChangedSchema.safeParse(changed);
    const news: RemoteChanged = parsed.success
      ? parsed.data
      : { changeSeq: this.machine.seen + 1, topics: ['ops', 'branches', 'namespaces', 'approvals'] };
    this.dispatch({ type: 'heard', changeSeq: news.changeSeq, topics: news.topics });
  }

  private schedulePull(): void {
    if (!mayRunOnItsOwn(this.machine)) return;
    this.debounce('pull', 20, () => this.inBackground(() => this.pullNews(), true));
  }

  /**
   * Pulls what the news named, as the machine took it at the start of this
   * run: nothing when it was our own push's echo (or a pull meanwhile brought
   * it), approval requests alone when only they changed, else a full round.
   */
  private async pullNews(): Promise<unknown> {
    const news = this.machine.inFlight;
    const ops = news !== null && news.upTo > this.machine.seen;
    const topics = news?.topics ?? [];
    if (!ops && topics.length === 0) return;
    if (!ops && topics.every((topic) => topic === 'approvals')) return syncApprovals(this.ctx);
    const summary = await this.syncBranch(this.currentBranchId());
    if (ops) await this.pullFollowed(summary.branchId);
    return summary;
  }

  /**
   * News names no branch: the other branches this profile follows are pulled
   * too (followed-branches.ts), and each is compared with the server when
   * due, as a sync of it would: a followed branch nobody shows would
   * otherwise never have its replica checked.
   */
  private async pullFollowed(current: string): Promise<void> {
    const pulls = followedBranchesToPull({
      current,
      shownElsewhere: this.opts.shownElsewhere?.() ?? [],
      held: await this.ctx.db.branches.all(),
      user: this.ctx.identity.userName,
    });
    if (pulls.length === 0) return;
    await this.pullAndCheck(pulls);
    for (const branchId of pulls) await this.recordSynced(branchId, this.ctx.now());
    this.state.setProgress(IDLE);
  }

  /** Pulls these branches' ops, then compares each with the server when due; returns the ops stored. */
  private async pullAndCheck(branchIds: readonly string[]): Promise<number> {
    let pulled = 0;
    for (const target of branchIds) pulled += await pullBranchOps(this.ctx, target);
    for (const target of branchIds)
      pulled += (await checkBranchIfDue(this.ctx, target, this.opts.antiEntropyEveryMs))?.stored ?? 0;
    return pulled;
  }

  /** The current branch, then what waits to be pushed (the periodic tick, a retry). */
  private async syncAndPush(): Promise<void> {
    await this.syncBranch(this.currentBranchId());
    const targets = [...this.pushTargets];
    this.pushTargets.clear();
    await this.pushEagerly(targets);
  }

  /** Feeds the state machine and carries out what it decides. */
  private dispatch(event: SyncEvent): void {
    const { state, effects } = transition(this.machine, event);
    this.machine = state;
    for (const effect of effects) {
      if (effect.type === 'pull') this.schedulePull();
      else if (effect.type === 'sync-pending') void this.syncPending();
      else if (effect.type === 'arm-retry')
        this.debounce('retry', effect.inMs, () => this.inBackground(() => this.syncAndPush(), true));
      else this.clearTimer('retry');
    }
  }

  /** Our own pushes' acknowledged positions tell the machine which news is our echo. */
  private observingAcks(remote: RemoteApi): RemoteApi {
    return Object.assign(Object.create(remote) as RemoteApi, {
      pushOps: async (ops: Parameters<RemoteApi['pushOps']>[0]) => {
        const answer = await remote.pushOps(ops);
        this.dispatch({ type: 'acked', changeSeqs: answer.acks.map((ack) => ack.changeSeq) });
        return answer;
      },
    });
  }

  private clearTimer(name: string): void {
    const timer = this.timers.get(name);
    if (timer) clearTimeout(timer);
    this.timers.delete(name);
  }

  private get stopped(): boolean {
    return this.machine.phase === 'stopped';
  }

  /** Unauthorized / forbidden: background work stops until the person syncs again. */
  private get paused(): boolean {
    return this.machine.phase === 'paused';
  }

  /** The strategy / travel gate: sync on its own (eager), or only when asked. */
  private get autoSync(): boolean {
    return this.machine.gate;
  }

  private debounce(name: string, ms: number, task: () => void): void {
    const previous = this.timers.get(name);
    if (previous) clearTimeout(previous);
    this.timers.set(
      name,
      setTimeout(() => {
        this.timers.delete(name);
        if (!this.stopped) task();
      }, ms),
    );
  }

  /**
   * Runs one step after the previous one; `rethrow` for calls a user is
   * waiting on; `pulls` for runs that bring what the server announced so far.
   */
  private enqueue<T>(task: () => Promise<T>, rethrow = true, pulls = false): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('Sync has stopped'));
    const run = this.chain
      .then(async () => {
        this.dispatch({ type: 'run-started', pulls });
        const value = await task();
        this.dispatch({ type: 'run-succeeded' });
        return value;
      })
      .then(
        (value) => value,
        (error: unknown) => {
          this.handleFailure(error);
          this.state.setProgress(IDLE);
          if (rethrow) throw error;
          return undefined as T;
        },
      );
    this.chain = run.catch(() => undefined);
    return run;
  }

  private inBackground(task: () => Promise<unknown>, pulls = false): void {
    if (this.stopped) return;
    void this.enqueue(task, false, pulls);
  }

  /** offline / transient: retry later, quietly (the machine's policy). unauthorized / forbidden: stop and say so. */
  private handleFailure(error: unknown): void {
    const failure = classifySyncError(error);
    if (failure.kind === 'auth') {
      this.state.patch({ error: `The server refused this account: ${failure.message}` });
    } else if (failure.kind !== 'offline' || serverRetryAfterMs(error) > 0) {
      // A busy server (429) is retried like an outage, but the person sees why sync waits.
      this.state.patch({ error: failure.message });
    }
    const retryAfterMs = serverRetryAfterMs(error);
    this.dispatch({ type: 'run-failed', failure: failure.kind, retryAfterMs, random: Math.random() });
  }

  /** Runs a server step, treating "offline" as "use what is local". */
  private async tolerateOffline(step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (classifySyncError(error).kind !== 'offline') throw error;
    }
  }

  private currentBranchId(): string {
    return this.opts.workspace.currentBranchId();
  }

  private async branchOrMain(branchId: string): Promise<Branch | null> {
    if (branchId === MAIN_BRANCH) return null;
    const branch = await this.ctx.db.branches.get(branchId);
    if (!branch) throw new ValidationError(`There is no branch "${branchId}"`, 'branchId');
    return branch;
  }

  private async openBranch(branchId: string): Promise<Branch> {
    const branch = await this.branchOrMain(branchId);
    if (!branch || branch.state !== 'open') {
      throw new ValidationError(`"${branchId}" is not an open branch`, 'branchId');
    }
    return branch;
  }
}
