import type { QueueEntry } from '../../../src-shared/model/index.js';
import {
  afterFailure,
  afterRestart,
  branchOfEntry,
  nextWakeAt,
  runnableEntries,
} from '../../../src-shared/queue/policy.js';
import type { SyncContext } from '../context.js';
import { classifyHandlerError } from './classify.js';
import { QUEUE_HANDLERS } from './handlers.js';
import { reconcilePushEntries } from './push-entries.js';
import type { QueueContext, QueueHandlers } from './types.js';

export interface DrainResult {
  /** Ops acknowledged per branch during this drain. */
  pushed: Record<string, number>;
  /** Entries that failed for good during this drain. */
  failed: number;
  /** When an entry waiting on backoff becomes due (null: none waits). */
  wakeAt: number | null;
}

/**
 * Runs the outbox: the runnable entries (policy in src-shared/queue) one at
 * a time, in queue order. A failure marks its entry (backoff or failed) and
 * the drain goes on with the rest; only "offline" and an account-level
 * refusal stop it, rethrown for the engine to treat as states.
 */
export class QueueRunner {
  private restarted = false;

  constructor(
    private readonly ctx: SyncContext,
    private readonly handlers: QueueHandlers = QUEUE_HANDLERS,
    private readonly random: () => number = Math.random,
  ) {}

  /** `scope.branchId`: only that branch's entries and those about no branch ("sync feature-x" moves only it). */
  async drain(scope: { branchId?: string } = {}): Promise<DrainResult> {
    const result: DrainResult = { pushed: {}, failed: 0, wakeAt: null };
    await this.prepare();
    const qctx: QueueContext = {
      ...this.ctx,
      countPushed: (branchId, n) => (result.pushed[branchId] = (result.pushed[branchId] ?? 0) + n),
    };
    const tried = new Set<string>();
    for (;;) {
      const next = runnableEntries(await this.ctx.db.queue.all(), this.ctx.now()).find(
        (entry) => !tried.has(entry.id) && this.handlers[entry.type] && inScope(entry, scope.branchId),
      );
      if (!next) break;
      tried.add(next.id);
      if (!(await this.runOne(qctx, next))) result.failed += 1;
    }
    result.wakeAt = nextWakeAt(await this.ctx.db.queue.all(), this.ctx.now());
    return result;
  }

  /** The first drain after start picks up entries a crash left running; every drain derives pushes. */
  private async prepare(): Promise<void> {
    if (!this.restarted) {
      this.restarted = true;
      for (const entry of await this.ctx.db.queue.all()) {
        if (entry.status === 'syncing') await this.ctx.db.queue.update(afterRestart(entry));
      }
    }
    await reconcilePushEntries(this.ctx.db, this.ctx.now());
  }

  /** false when the entry ended failed. */
  private async runOne(qctx: QueueContext, entry: QueueEntry): Promise<boolean> {
    const handler = this.handlers[entry.type];
    if (!handler) return true;
    await this.ctx.db.queue.update({ ...entry, status: 'syncing' });
    try {
      await handler(qctx, entry);
      await this.ctx.db.queue.remove(entry.id);
      return true;
    } catch (error) {
      const outcome = await classifyHandlerError(this.ctx, error);
      const current = await this.ctx.db.queue.get(entry.id);
      if (!current) return true; // discarded while it ran
      if (outcome.kind === 'auth') {
        await this.ctx.db.queue.update({ ...current, status: 'pending' });
        throw outcome.error;
      }
      const next = afterFailure(current, outcome, this.ctx.now(), this.random);
      await this.ctx.db.queue.update(next);
      if (outcome.kind === 'offline') throw error;
      return next.status !== 'failed';
    }
  }
}

function inScope(entry: QueueEntry, branchId: string | undefined): boolean {
  if (branchId === undefined) return true;
  const own = branchOfEntry(entry);
  return own === null || own === branchId;
}
