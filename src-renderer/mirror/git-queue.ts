import {
  gitQueueEntry,
  gitStepOf,
  type GitNetworkStep,
  type GitQueueHold,
} from '../../src-shared/mirror/git-queue.js';
import type { QueueEntry } from '../../src-shared/model/index.js';
import type { NewQueueEntry } from '../../src-shared/queue/entry.js';
import {
  afterFailure,
  afterRestart,
  nextWakeAt,
  runnableEntries,
  type FailureKind,
} from '../../src-shared/queue/policy.js';
import { classifySyncError } from '../../src-shared/sync/errors.js';
import type { TetherDb } from '../db/index.js';
import { enqueueEntry } from '../sync/queue/enqueue.js';

/** Which queue entries a runner runs, and the entry that stands for a step. */
export interface QueueSteps<S> {
  of(entry: QueueEntry): S | null;
  entry(step: S): NewQueueEntry;
}

/** How long a tab that does not lead waits for the leading tab to run a step it asked for. */
const LEADER_ANSWER_MS = 30_000;

/** The folder mirror's git steps. Linked namespaces' steps run on a runner of their own (src-renderer/links). */
export const GIT_STEPS: QueueSteps<GitNetworkStep> = { of: gitStepOf, entry: gitQueueEntry };

export interface StepQueueDeps<S> {
  db: TetherDb;
  steps: QueueSteps<S>;
  /** Main runs the step (`git.push` / `git.pull` over the bridge). */
  runStep(step: S): Promise<{ message: string }>;
  /** Why git entries may not run now (travel mode, offline), or null. */
  hold(): GitQueueHold;
  now?: () => number;
  random?: () => number;
}

/**
 * Runs the sync queue's git entries. They sit in the same outbox as the
 * server's entries (same view, backoff, retry and discard), but main runs
 * git, and a folder may sync with git while no Tether server is configured,
 * so they have this runner of their own beside the sync engine's (which has
 * no handler for them and leaves them alone). Linked namespaces' link and
 * push steps are the same kind of work (main's, no server needed) and run
 * on one too.
 */
export class StepQueue<S> {
  private running: Promise<void> | null = null;
  private again = false;
  private wake: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** False while another tab of the profile leads: this tab queues steps and that tab runs them. */
  private runsHere = true;
  /** What main said of each finished entry, for the button that asked for it. */
  private readonly done = new Map<string, string>();
  /**
   * Entries asked for again while they ran. The run may have read its input
   * (a push its list of tags) before the new cause existed, so it runs once
   * more instead of the request being absorbed by the run in flight.
   */
  private readonly askedWhileRunning = new Set<string>();

  constructor(private readonly deps: StepQueueDeps<S>) {}

  /** Queues a step (once: asking again while one waits finds it) and runs it when it may. */
  async request(step: S): Promise<QueueEntry> {
    const entry = await enqueueEntry(this.deps.db, this.deps.steps.entry(step), this.now());
    if (entry.status === 'syncing') this.askedWhileRunning.add(entry.id);
    this.kick();
    return entry;
  }

  /** Pull / Push buttons: queue the step, run what may run, and say what became of it. */
  async runNow(step: S): Promise<string> {
    return (await this.attempt(step)).message;
  }

  /** Like runNow, and whether the step went through, waits in the queue, or failed. */
  async attempt(step: S): Promise<{ state: 'done' | 'waiting' | 'failed'; message: string }> {
    const entry = await this.request(step);
    if (this.runsHere) await this.drain();
    else await this.leaderTried(entry.id);
    const finished = this.done.get(entry.id);
    if (finished !== undefined) return { state: 'done', message: finished };
    const left = await this.deps.db.queue.get(entry.id);
    if (!left) return { state: 'done', message: `${entry.title}: done.` };
    const hold = this.deps.hold();
    const waiting = (message: string) => ({ state: 'waiting' as const, message });
    if (hold === 'travel') return waiting(`${left.title} waits in the sync queue until travel mode is off.`);
    if (hold === 'offline')
      return waiting(`${left.title} waits in the sync queue until this computer is online.`);
    if (left.status === 'failed')
      return { state: 'failed', message: `${left.title} failed: ${left.error ?? 'no reason given'}` };
    return waiting(`${left.title} waits in the sync queue${left.error ? `: ${left.error}` : '.'}`);
  }

  /** Another tab leads: this tab only queues steps, for that tab to run. */
  follow(): void {
    this.runsHere = false;
  }

  /**
   * This tab leads now and runs the entries. A step the last leader was
   * running when it crashed runs again (main's steps are safe to repeat).
   */
  async takeOver(): Promise<void> {
    for (const entry of await this.gitEntries()) {
      if (entry.status === 'syncing') await this.deps.db.queue.update(afterRestart(entry));
    }
    this.runsHere = true;
    this.kick();
  }

  /** Something changed (a queue write, travel mode, the connection): run soon. */
  kick(): void {
    if (this.stopped || !this.runsHere) return;
    void this.drain();
  }

  /** Back online or out of travel mode: entries waiting on backoff are tried now, like the server's. */
  async cameBack(): Promise<void> {
    for (const entry of await this.gitEntries()) {
      if (entry.status === 'pending' && entry.nextAttemptAt > 0)
        await this.deps.db.queue.update({ ...entry, nextAttemptAt: 0 });
    }
    this.kick();
  }

  /** Runs git entries one at a time until none may run; calls made meanwhile run after. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drainOnce();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
  }

  // ---- internals ----

  /**
   * Resolves once the leading tab ran the entry (it left the queue) or tried
   * it (an error or a failure is on it), once a hold keeps it waiting, or
   * after LEADER_ANSWER_MS; attempt() then words what became of it.
   */
  private leaderTried(entryId: string): Promise<void> {
    return new Promise((resolve) => {
      let stop = () => undefined as void;
      const timer = setTimeout(() => finish(), LEADER_ANSWER_MS);
      const finish = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const check = async () => {
        const entry = await this.deps.db.queue.get(entryId);
        if (!entry || entry.status === 'failed' || entry.error || this.deps.hold() !== null) finish();
      };
      stop = this.deps.db.queue.changes(() => void check());
      void check();
    });
  }

  private async drainOnce(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      if (this.stopped || !this.runsHere || this.deps.hold() !== null) return;
      const next = runnableEntries(await this.gitEntries(), this.now()).find((e) => !tried.has(e.id));
      if (!next) break;
      tried.add(next.id);
      if (!(await this.runOne(next))) return; // travel mode came on meanwhile: the rest waits too
    }
    this.scheduleWake();
  }

  /** false when main refused for travel mode (a state: nothing counted, nothing else tried). */
  private async runOne(entry: QueueEntry): Promise<boolean> {
    const step = this.deps.steps.of(entry);
    if (step === null) return true;
    await this.deps.db.queue.update({ ...entry, status: 'syncing' });
    try {
      const { message } = await this.deps.runStep(step);
      this.done.set(entry.id, message);
      if (this.askedWhileRunning.delete(entry.id))
        await this.deps.db.queue.update({ ...entry, status: 'pending', nextAttemptAt: 0 });
      else await this.deps.db.queue.remove(entry.id);
      return true;
    } catch (error) {
      this.askedWhileRunning.delete(entry.id); // a failed entry stays queued and runs again anyway
      const current = await this.deps.db.queue.get(entry.id);
      if (!current) return true; // discarded while it ran
      const failure = failureOf(error);
      await this.deps.db.queue.update(afterFailure(current, failure, this.now(), this.deps.random));
      return failure.kind !== 'offline';
    }
  }

  private scheduleWake(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    void this.gitEntries().then((entries) => {
      const at = nextWakeAt(entries, this.now());
      if (at === null || this.stopped) return;
      this.wake = setTimeout(() => this.kick(), Math.max(0, at - this.now()));
    });
  }

  private async gitEntries(): Promise<QueueEntry[]> {
    return (await this.deps.db.queue.all()).filter((entry) => this.deps.steps.of(entry) !== null);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/** The folder mirror's git runner. */
export type GitQueue = StepQueue<GitNetworkStep>;

/** Main's refusal as the queue reads it (codes from src-main/mirror/mirror-service.ts). */
function failureOf(error: unknown): { kind: FailureKind; message: string } {
  const failure = classifySyncError(error);
  return { kind: failure.kind === 'auth' ? 'refused' : failure.kind, message: failure.message };
}
