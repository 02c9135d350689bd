import type { MainPolicy } from '../../../src-shared/model/index.js';
import { MAIN_BRANCH } from '../../../src-shared/model/index.js';
import { describeError } from '../../app/errors.js';
import { useSync, type SyncEngineApi } from '../../state/sync-slice.js';
import { toastError, useToasts } from '../../state/toast-slice.js';
import { useUi } from '../../state/ui-slice.js';
import type { SyncSummary } from '../../sync/types.js';
import type { Workspace } from '../../workspace/index.js';
import { summaryMessage, summaryMoved, updateFromMainMessage } from './sync-text.js';

/**
 * One-click sync actions with their feedback. A summary is toasted once: an
 * automatic sync only when it moved something, a manual "Sync now" always.
 */

const NO_SERVER = 'No sync server is connected. Add one under Settings → Server.';
/** Branches with a manual sync in flight: their summary is the manual action's to show. */
const manualInFlight = new Set<string>();
let lastToastedKey: string | null = null;
/** The sync toast on screen: a newer summary replaces it, so a busy team does not stack toasts. */
let summaryToastId: number | null = null;

const summaryKey = (s: SyncSummary) => `${s.branchId}@${s.at}`;

export function branchName(workspace: Workspace, branchId: string): string {
  if (branchId === MAIN_BRANCH) return MAIN_BRANCH;
  return workspace.getSnapshot().branches.find((b) => b.id === branchId)?.name ?? branchId;
}

function showSummaryToast(workspace: Workspace, summary: SyncSummary): void {
  lastToastedKey = summaryKey(summary);
  const toasts = useToasts.getState();
  if (summaryToastId !== null) toasts.dismiss(summaryToastId);
  summaryToastId = toasts.show({
    message: summaryMessage(summary, branchName(workspace, summary.branchId)),
    tone: summary.conflicts > 0 ? 'info' : 'success',
    testId: 'sync-summary',
    action: { label: 'Details', run: () => useUi.getState().openDialog({ kind: 'sync-summary', summary }) },
  });
}

/** Called on every engine change: toasts a new automatic summary that moved something. */
export function noticeNewSummary(workspace: Workspace, summary: SyncSummary | null): void {
  if (!summary || summaryKey(summary) === lastToastedKey) return;
  if (manualInFlight.has(summary.branchId)) return;
  if (summaryMoved(summary)) showSummaryToast(workspace, summary);
  else lastToastedKey = summaryKey(summary);
}

function requireEngine(): SyncEngineApi | null {
  const engine = useSync.getState().engine;
  if (!engine) toastError(NO_SERVER);
  return engine;
}

/** "Sync now": syncs the branch (default: the current one) and always says how it went. */
export async function syncNow(workspace: Workspace, branchId?: string): Promise<void> {
  const engine = requireEngine();
  if (!engine) return;
  const target = branchId ?? workspace.getSnapshot().branchId;
  manualInFlight.add(target);
  try {
    showSummaryToast(workspace, await engine.syncNow(target));
  } catch (err) {
    toastError(describeError(err, `Couldn't sync ${branchName(workspace, target)}`));
  } finally {
    manualInFlight.delete(target);
  }
}

export async function updateFromMain(workspace: Workspace, branchId: string): Promise<void> {
  const engine = requireEngine();
  if (!engine) return;
  try {
    const { conflicts } = await engine.updateFromMain(branchId);
    useToasts.getState().show({
      message: updateFromMainMessage(conflicts),
      tone: conflicts > 0 ? 'info' : 'success',
      testId: 'update-from-main-result',
    });
  } catch (err) {
    toastError(describeError(err, `Couldn't update ${branchName(workspace, branchId)} from main`));
  }
}

/** Sets how main reaches a branch; throws so the settings dialog can show the error beside the choice. */
export async function setMainPolicy(branchId: string, policy: MainPolicy): Promise<void> {
  const engine = useSync.getState().engine;
  if (!engine) throw new Error(NO_SERVER);
  await engine.setMainPolicy(branchId, policy);
}

export function dismissNotice(id: string): void {
  useSync.getState().engine?.dismissNotice(id);
}
