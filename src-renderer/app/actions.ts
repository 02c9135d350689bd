import type { Workspace } from '../workspace/index.js';
import { itemsForView, neighbourAfterRemoval, type ListView } from '../state/selectors.js';
import { THEME_SETTING_KEY, useUi, type ThemePreference } from '../state/ui-slice.js';
import { toastError, useToasts } from '../state/toast-slice.js';
import { describeError } from './errors.js';

/**
 * Workspace actions that need more than one call: feedback, selection and
 * undo around the write. Dialogs call the workspace directly because they show
 * errors inline; these are for one-click actions, which report through toasts.
 */

/** The Undo toast of each deletion, so undoing from the keyboard also removes the toast. */
const undoToasts = new Map<string, number>();

/**
 * The delete in flight: the list drops the row as soon as the op is stored, a
 * moment before the delete is on the undo stack, so an undo waits for it.
 */
let deleting: Promise<void> = Promise.resolve();

export function deleteItemWithUndo(workspace: Workspace, itemId: string): Promise<void> {
  const run = deleteAndOfferUndo(workspace, itemId);
  deleting = run.catch(() => undefined);
  return run;
}

async function deleteAndOfferUndo(workspace: Workspace, itemId: string): Promise<void> {
  const item = workspace.item(itemId);
  if (!item || item.deleted) return;
  const ui = useUi.getState();
  const snapshot = workspace.getSnapshot();
  const visible = itemsForView(snapshot.items, snapshot.deletedItems, ui.view, ui.filter).map(
    (i) => i.itemId,
  );
  const next = neighbourAfterRemoval(visible, itemId);
  try {
    await workspace.deleteItem(itemId);
  } catch (err) {
    toastError(describeError(err, `Couldn't delete ${item.path}`));
    return;
  }
  ui.pushDeleted(itemId);
  if (useUi.getState().selectedItemId === itemId) ui.selectItem(next);
  const toastId = useToasts.getState().show({
    message: `Deleted ${item.path}`,
    tone: 'info',
    action: { label: 'Undo', run: () => void restoreItem(workspace, itemId, true) },
  });
  undoToasts.set(itemId, toastId);
}

export async function restoreItem(workspace: Workspace, itemId: string, select: boolean): Promise<void> {
  useUi.getState().takeDeleted(itemId);
  const toastId = undoToasts.get(itemId);
  if (toastId !== undefined) useToasts.getState().dismiss(toastId);
  undoToasts.delete(itemId);
  try {
    await workspace.restoreItem(itemId);
  } catch (err) {
    toastError(describeError(err, "Couldn't restore the item"));
    return;
  }
  if (select) useUi.getState().selectItem(itemId);
}

/** Ctrl+Z in the list: brings back the newest item deleted in this session. */
export async function undoLastDelete(workspace: Workspace): Promise<void> {
  await deleting;
  const stack = useUi.getState().deletedStack;
  const itemId = stack[stack.length - 1];
  if (!itemId) {
    useToasts.getState().show({ message: 'Nothing to undo', tone: 'info' }, 2500);
    return;
  }
  const item = workspace.item(itemId);
  await restoreItem(workspace, itemId, true);
  if (item) useToasts.getState().show({ message: `Restored ${item.path}`, tone: 'success' }, 3000);
}

/** Shows a view in the list; the editor keeps its item only if the new view lists it too. */
export function showView(workspace: Workspace, view: ListView): void {
  const ui = useUi.getState();
  ui.setView(view);
  const snapshot = workspace.getSnapshot();
  const shown = itemsForView(snapshot.items, snapshot.deletedItems, view, ui.filter);
  if (ui.selectedItemId && !shown.some((i) => i.itemId === ui.selectedItemId)) ui.selectItem(null);
}

export async function switchBranch(workspace: Workspace, branchId: string): Promise<void> {
  try {
    await workspace.switchBranch(branchId);
  } catch (err) {
    toastError(describeError(err, "Couldn't switch branch"));
  }
}

export async function setThemePreference(workspace: Workspace, theme: ThemePreference): Promise<void> {
  useUi.getState().setTheme(theme);
  try {
    await workspace.setSetting(THEME_SETTING_KEY, theme);
  } catch (err) {
    toastError(describeError(err, "Couldn't save the theme setting"));
  }
}
