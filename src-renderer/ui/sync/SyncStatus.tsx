import { Eye, RefreshCw } from 'lucide-react';
import { useLastSyncedAt, useServerOnline, useSync } from '../../state/sync-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { useNow } from '../common/useNow.js';
import { absoluteTime, relativeTime } from '../format.js';
import { syncNow } from './sync-actions.js';
import { branchSyncedText, progressText } from './sync-text.js';

/** "Syncing 12 of 40…" or "Loading history… 40%" in the status bar, while it runs. */
export function SyncProgressText() {
  const text = useSync((s) => progressText(s.engineState?.progress));
  const phase = useSync((s) => s.engineState?.progress.phase ?? 'idle');
  // Without counts it would only repeat main's "Syncing…" in the same bar.
  const counted = useSync(
    (s) => (s.engineState?.progress.total ?? 0) > 0 || (s.engineState?.progress.done ?? 0) > 0,
  );
  if (!text || (phase !== 'history' && !counted)) return null;
  return (
    <>
      <span className="status-sep" aria-hidden>
        ·
      </span>
      <span className="sync-progress" data-testid="sync-progress" data-phase={phase} aria-live="polite">
        {text}
      </span>
    </>
  );
}

/**
 * The current branch's last sync on this computer: "5 min ago (23 Nov 2026, 10:02:11)",
 * or "Never synced (created offline)". Falls back to main's report while no engine runs.
 */
export function useBranchLastSync(reported: number | null): string {
  const snapshot = useSnapshot();
  const engineRuns = useSync((s) => s.engineState !== null);
  const own = useLastSyncedAt(snapshot.branchId);
  const online = useServerOnline();
  const at = engineRuns ? own : reported;
  const now = useNow(15_000);
  if (at != null) return `${relativeTime(at, now)} (${absoluteTime(at)})`;
  return branchSyncedText(null, snapshot.branch !== null, () => '', online);
}

/** The popover's sync block: last sync of this branch, progress, the engine's error, Sync now / Preview. */
export function SyncPopoverSection() {
  const workspace = useWorkspace();
  const snapshot = useSnapshot();
  const engine = useSync((s) => s.engine);
  const error = useSync((s) => s.engineState?.error ?? null);
  const progress = useSync((s) => progressText(s.engineState?.progress));
  const running = useSync((s) => (s.engineState?.progress.phase ?? 'idle') !== 'idle');
  const openDialog = useUi((s) => s.openDialog);
  return (
    <section className="sync-section" aria-label="Sync" data-testid="sync-section">
      {progress && <p className="sync-section-progress">{progress}</p>}
      {error && (
        <p className="sync-section-error" role="alert" data-testid="sync-error">
          {error}
        </p>
      )}
      {!engine && <p className="sync-section-hint">Connect to a team server to sync this work.</p>}
      <div className="sync-section-actions">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="status-preview-sync"
          disabled={!engine}
          onClick={() => openDialog({ kind: 'sync-preview', branchId: snapshot.branchId })}
        >
          <Eye size={13} aria-hidden /> Preview sync…
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="status-sync-now"
          disabled={!engine}
          onClick={() => void syncNow(workspace)}
        >
          <RefreshCw size={13} aria-hidden className={running ? 'spin' : undefined} /> Sync now
        </button>
      </div>
    </section>
  );
}
