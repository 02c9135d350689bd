import type { AppStatus, Bridge, NotificationActionId } from '../../src-shared/bridge/index.js';
import {
  initialNotifyMemory,
  planNotifications,
  SYNC_PROGRESS_KEY,
  type NotifyMemory,
  type SyncNotification,
} from '../../src-shared/notify/sync-notifications.js';
import type { MirrorStatus } from '../../src-shared/bridge/git.js';
import { planFolderNotifications } from '../../src-shared/mirror/folder-status.js';
import { useMirror } from '../mirror/mirror-wiring.js';
import { useStatus } from '../state/status-slice.js';
import { useSync } from '../state/sync-slice.js';
import { useToasts } from '../state/toast-slice.js';
import type { SyncNotice } from '../sync/types.js';

export interface NotifierDeps {
  bridge: Bridge;
  /** Electron shows notifications natively; browser mode shows them as toasts. */
  native: boolean;
  onAction(action: NotificationActionId): void;
  branchName(branchId: string): string;
}

function mergedElsewhere(notices: readonly SyncNotice[] | undefined, name: (id: string) => string) {
  return (notices ?? []).flatMap((n) =>
    n.kind === 'branch-merged-elsewhere'
      ? [{ id: n.id, branchName: n.branchName || name(n.branchId), by: n.by }]
      : [],
  );
}

/**
 * "Sync complete" says what the engine's summary toast says: while it is on
 * screen, a summary toast (before or after it) is dismissed — one toast, not two.
 */
function coalesceSummaries(isCompleteShown: () => boolean): () => void {
  return useToasts.subscribe((state) => {
    if (!isCompleteShown()) return;
    for (const t of state.toasts) if (t.testId === 'sync-summary') state.dismiss(t.id);
  });
}

/** In-app delivery: a newer toast with the same key replaces the one on screen. */
function toastSink(onAction: (action: NotificationActionId) => void) {
  const onScreen = new Map<string, number>();
  const completeShown = () => {
    const id = onScreen.get(SYNC_PROGRESS_KEY);
    return useToasts.getState().toasts.some((t) => t.id === id && t.message.startsWith('Sync complete'));
  };
  const stop = coalesceSummaries(completeShown);
  const deliver = (note: SyncNotification) => {
    const toasts = useToasts.getState();
    const previous = onScreen.get(note.key);
    if (previous !== undefined) toasts.dismiss(previous);
    const [first, ...rest] = note.actions.map((a) => ({ label: a.label, run: () => onAction(a.id) }));
    const id = toasts.show(
      { message: note.body, tone: note.tone, action: first, moreActions: rest, testId: `notify-${note.key}` },
      note.tone === 'error' ? 0 : undefined, // a failure stays until acted on or dismissed
    );
    onScreen.set(note.key, id);
    if (note.key === SYNC_PROGRESS_KEY && completeShown())
      for (const t of useToasts.getState().toasts) if (t.testId === 'sync-summary') toasts.dismiss(t.id);
  };
  /** Takes notes off the screen, with the engine's summary toast that tells the same story. */
  const withdraw = (keys: readonly string[], withSummaries = true) => {
    const toasts = useToasts.getState();
    for (const key of keys) {
      const id = onScreen.get(key);
      if (id !== undefined) toasts.dismiss(id);
      onScreen.delete(key);
    }
    if (withSummaries) for (const t of toasts.toasts) if (t.testId === 'sync-summary') toasts.dismiss(t.id);
  };
  return { deliver, withdraw, stop };
}

/**
 * The one notifications module: main's reduced status (the same the status
 * bar and tray show) plus the engine's notices go through the pure planner,
 * and what it decides is shown natively or in the page. Returns the stop.
 */
export function startSyncNotifications(deps: NotifierDeps): () => void {
  let memory: NotifyMemory = initialNotifyMemory;
  const sink = toastSink(deps.onAction);
  const toast = sink.deliver;
  const deliver = (note: SyncNotification) => {
    if (!deps.native) return toast(note);
    const { key, title, body, actions } = note;
    // If the OS cannot show it, the page still can.
    deps.bridge.call('notify.show', { key, title, body, actions }).catch(() => toast(note));
  };
  const step = (status: AppStatus | null, notices: readonly SyncNotice[] | undefined) => {
    if (!status) return;
    const input = { status, branchesMergedElsewhere: mergedElsewhere(notices, deps.branchName) };
    const out = planNotifications(memory, input);
    memory = out.memory;
    if (out.withdraw.length > 0) sink.withdraw(out.withdraw);
    out.notifications.forEach(deliver);
  };
  const now = () => step(useStatus.getState().status, useSync.getState().engineState?.notices);
  const offStatus = useStatus.subscribe(now);
  const offSync = useSync.subscribe((s, prev) => {
    if (s.engineState?.notices !== prev.engineState?.notices) now();
  });
  const offAction = deps.bridge.on('notify.action', ({ action }) => deps.onAction(action));
  // The folder mirror's failures follow the same rules: once per failure, taken back when it clears.
  let folderFailure: string | null = null;
  const folder = (status: MirrorStatus | null) => {
    const out = planFolderNotifications(folderFailure, status);
    folderFailure = out.lastFailure;
    if (out.withdraw.length > 0) sink.withdraw(out.withdraw, false);
    out.notifications.forEach(deliver);
  };
  const offFolder = useMirror.subscribe((s, prev) => {
    if (s.status !== prev.status) folder(s.status);
  });
  now();
  return () => {
    sink.stop();
    offFolder();
    offStatus();
    offSync();
    offAction();
  };
}
