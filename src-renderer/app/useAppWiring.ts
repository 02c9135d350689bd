import { useEffect } from 'react';
import type { Bridge } from '../../src-shared/bridge/index.js';
import type { Workspace, WorkspaceSnapshot } from '../workspace/index.js';
import { useShallow } from 'zustand/react/shallow';
import { connectStatus } from '../state/status-slice.js';
import { useFailedCount, useQueueSize, withQueueFailures } from '../state/queue-slice.js';
import { useUnsyncedCounts } from '../state/unsynced-counts.js';
import { useSync } from '../state/sync-slice.js';
import { syncReportFields } from './sync-wiring.js';
import { useUi } from '../state/ui-slice.js';
import { runCommand } from './commands.js';
import { isTypingTarget, matchShortcut } from './shortcuts.js';
import { applyTheme } from './theme.js';
import { logWarning } from '../log/report.js';

const REPORT_DELAY_MS = 300;

/** Keeps main's status in step with the local database and the sync engine, debounced. */
export function useStatusReport(bridge: Bridge, snapshot: WorkspaceSnapshot): void {
  const conflicts = snapshot.conflicts.length;
  const queueSize = useQueueSize();
  // Refused or discarded ops wait for the user, not for a sync: the same count the status bar shows.
  const unsyncedOps = useUnsyncedCounts().waiting;
  const engineFields = useSync(useShallow((s) => syncReportFields(s.engineState, snapshot.branchId)));
  const { lastSyncedAt, syncPhase, syncError } = withQueueFailures(engineFields, useFailedCount());
  useEffect(() => {
    const timer = setTimeout(() => {
      // queueSize: entries in the outbox (a branch's unsent ops are one entry; the ops are counted above).
      const report = { unsyncedOps, conflicts, queueSize, lastSyncedAt, syncPhase, syncError };
      bridge
        .call('status.report', report)
        .catch((err: unknown) => logWarning('Could not tell main the local status', err));
    }, REPORT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [bridge, unsyncedOps, conflicts, queueSize, lastSyncedAt, syncPhase, syncError]);
}

/** Status from main, and commands from the app menu, tray and global shortcuts. */
export function useBridgeEvents(bridge: Bridge, workspace: Workspace): void {
  useEffect(() => connectStatus(bridge), [bridge]);
  useEffect(
    () =>
      bridge.on('menu.command', (command) => {
        // A menu command is a fresh request: it replaces whatever dialog is open.
        useUi.getState().closeDialog();
        runCommand(workspace, command);
      }),
    [bridge, workspace],
  );
}

/** Global keyboard shortcuts; dialogs own the keyboard while they are open. */
export function useGlobalShortcuts(workspace: Workspace, mac: boolean): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || useUi.getState().dialog) return;
      const command = matchShortcut(e, { scope: 'global', mac, typing: isTypingTarget(e.target) });
      if (command) {
        e.preventDefault();
        runCommand(workspace, command);
      } else if ((mac ? e.metaKey : e.ctrlKey) && e.key.toLowerCase() === 's') {
        // Saving is automatic; keep the browser's "Save page" dialog away.
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [workspace, mac]);
}

export function useThemeEffect(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => applyTheme(theme), [theme]);
}
