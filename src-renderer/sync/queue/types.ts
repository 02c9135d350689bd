import type { QueueEntry, QueueEntryType } from '../../../src-shared/model/index.js';
import type { SyncContext } from '../context.js';

/** What a handler gets: the engine's context plus a tally of ops the server acknowledged. */
export interface QueueContext extends SyncContext {
  countPushed(branchId: string, count: number): void;
}

/**
 * Carries out one queue entry against the server. Resolving means done (the
 * entry is removed). It must be idempotent (it may run again after a crash)
 * and atomic (local writes only after the server agreed). Throwing fails the
 * attempt; see the runner for how each error kind is treated.
 */
export type QueueHandler = (ctx: QueueContext, entry: QueueEntry) => Promise<void>;
export type QueueHandlers = Partial<Record<QueueEntryType, QueueHandler>>;

/** A handler's own "this cannot go through as it is": the entry fails at once with this message. */
export class QueueEntryRefused extends Error {
  readonly code = 'queue_refused';
  constructor(message: string) {
    super(message);
    this.name = 'QueueEntryRefused';
  }
}

/** Bad input to a queue action (unknown id, a move across a dependency): nothing changed. */
export class QueueActionError extends Error {
  readonly code = 'bad_request';
  constructor(message: string) {
    super(message);
    this.name = 'QueueActionError';
  }
}
