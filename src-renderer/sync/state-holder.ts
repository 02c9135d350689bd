import {
  IDLE,
  QUIET_SYNC_STATE,
  type SyncEngineState,
  type SyncNotice,
  type SyncProgress,
  type SyncSummary,
} from './types.js';
import { logError } from '../log/report.js';

/** The engine's observable state: a new object on every change (what useSyncExternalStore needs). */
export class SyncStateHolder {
  private state: SyncEngineState = { ...QUIET_SYNC_STATE };
  private readonly listeners = new Set<() => void>();

  get(): SyncEngineState {
    return this.state;
  }

  patch(change: Partial<SyncEngineState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        logError('A sync state listener failed', error);
      }
    }
  }

  setProgress(progress: SyncProgress): void {
    const now = this.state.progress;
    const same =
      now.phase === progress.phase &&
      now.branchId === progress.branchId &&
      now.done === progress.done &&
      now.total === progress.total;
    if (!same) this.patch({ progress });
  }

  finished(summary: SyncSummary): void {
    this.patch({
      progress: IDLE,
      lastSummary: summary,
      lastSyncedAt: { ...this.state.lastSyncedAt, [summary.branchId]: summary.at },
      error: null,
    });
  }

  /** A notice with the same id replaces the older one (the newest main change wins). */
  addNotice(notice: SyncNotice): void {
    this.patch({ notices: [...this.state.notices.filter((n) => n.id !== notice.id), notice] });
  }

  removeNotice(id: string): void {
    if (this.state.notices.some((n) => n.id === id)) {
      this.patch({ notices: this.state.notices.filter((n) => n.id !== id) });
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  unsubscribeAll(): void {
    this.listeners.clear();
  }
}
