import type { Op } from '../../src-shared/model/index.js';

export type SyncNotice =
  | {
      id: string;
      kind: 'main-changed';
      branchId: string;
      items: { itemId: string; path: string; opCount: number }[];
    }
  | {
      id: string;
      kind: 'branch-merged-elsewhere' | 'branch-abandoned-elsewhere';
      branchId: string;
      branchName: string;
      by: string | null;
      at: number | null;
    }
  | {
      /** The owner shared a branch this computer knows with this person, or stopped sharing it. */
      id: string;
      kind: 'branch-shared-with-you' | 'branch-unshared-with-you';
      branchId: string;
      branchName: string;
      owner: string;
    }
  | {
      /** The server sent ops this client cannot read (a malformed stamp): they were skipped. */
      id: 'unreadable-ops';
      kind: 'unreadable-ops';
      count: number;
      /** The first few, for a support request. */
      opIds: string[];
    }
  | {
      /** The server saw ops stamped well ahead of its clock: this computer's clock is probably wrong. */
      id: 'clock-ahead';
      kind: 'clock-ahead';
      aheadMs: number;
    };

export interface SyncSummary {
  branchId: string;
  pushed: number;
  pulled: number;
  /** Items in conflict in the branch's view after the sync. */
  conflicts: number;
  at: number;
}

export interface SyncPreview {
  branchId: string;
  toPush: Op[];
  toPull: { count: number; sample: Op[] };
}

export interface SyncProgress {
  phase: 'idle' | 'pushing' | 'pulling' | 'heads' | 'history';
  branchId: string | null;
  done: number;
  total: number | null;
}

export interface SyncEngineState {
  progress: SyncProgress;
  lastSummary: SyncSummary | null;
  lastSyncedAt: Record<string, number>;
  notices: SyncNotice[];
  error: string | null;
  historyComplete: boolean;
}

export const IDLE: SyncProgress = Object.freeze({ phase: 'idle', branchId: null, done: 0, total: null });

/** Nothing synced yet, nothing running: an engine's first state, and a follower's before it reads the leader's. */
export const QUIET_SYNC_STATE: SyncEngineState = Object.freeze({
  progress: IDLE,
  lastSummary: null,
  lastSyncedAt: {},
  notices: [],
  error: null,
  historyComplete: false,
});
