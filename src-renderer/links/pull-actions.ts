import { planPull } from '../../src-shared/links/pull-plan.js';
import {
  readSetAside,
  restoreSteps,
  SET_ASIDE_SETTING,
  type SetAsideRecord,
} from '../../src-shared/links/pull-set-aside.js';
import type { Bridge } from '../../src-shared/bridge/index.js';
import { useLinks } from '../state/links-slice.js';
import type { Workspace } from '../workspace/index.js';
import { refreshLinks } from './links-actions.js';
import { applyPull, writeSteps } from './pull-apply.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Applies the previewed pull with the picked strategy: planned from the
 * very entries the preview table shows, so it does what the table said.
 * Fast-forward with local edits is refused in words and changes nothing.
 */
export async function applyLinkPull(bridge: Bridge, workspace: Workspace): Promise<void> {
  const { preview: shown, strategy } = useLinks.getState();
  if (!shown) return;
  const plan = planPull(shown.entries, strategy, shown.target);
  if (!plan.ok) return void useLinks.setState({ error: plan.message });
  useLinks.setState({ busy: true, error: null });
  let failure: string | null = null;
  try {
    const result = await applyPull(workspace, shown.namespace, plan, new Map(Object.entries(shown.heads)), {
      now: Date.now(),
      newId: () => crypto.randomUUID(),
    });
    useLinks.setState({
      preview: null,
      pulled: { namespace: shown.namespace, strategy, target: shown.target, result },
    });
    await loadSetAside(workspace);
  } catch (error) {
    failure = messageOf(error);
  } finally {
    useLinks.setState({ busy: false });
  }
  await refreshLinks(bridge, workspace);
  // Said after the refresh, which starts by clearing the last error.
  if (failure) useLinks.setState({ error: failure });
}

/** The set-aside records of this computer, for the details view. */
export async function loadSetAside(workspace: Workspace): Promise<void> {
  useLinks.setState({ setAside: readSetAside(await workspace.getSetting<unknown>(SET_ASIDE_SETTING, [])) });
}

/**
 * Puts a record's edits back (overwrite: as they were; stash: reapplied on
 * upstream's new versions, a clash as a conflict), then forgets the record.
 */
export async function restoreSetAside(workspace: Workspace, id: string): Promise<void> {
  const record = useLinks.getState().setAside.find((r) => r.id === id);
  if (!record) return;
  useLinks.setState({ busy: true, error: null });
  try {
    const { items } = workspace.getSnapshot();
    const steps = restoreSteps(record, (path) => items.find((item) => item.path === path)?.content ?? null);
    await writeSteps(workspace, steps);
    await forget(workspace, id);
  } catch (error) {
    useLinks.setState({ error: messageOf(error) });
  } finally {
    useLinks.setState({ busy: false });
  }
}

/** Forgets a record without restoring it (its versions stay in each item's history). */
export async function dismissSetAside(workspace: Workspace, id: string): Promise<void> {
  await forget(workspace, id);
}

async function forget(workspace: Workspace, id: string): Promise<void> {
  const saved = readSetAside(await workspace.getSetting<unknown>(SET_ASIDE_SETTING, []));
  const rest: SetAsideRecord[] = saved.filter((r) => r.id !== id);
  await workspace.setSetting(SET_ASIDE_SETTING, rest);
  useLinks.setState({ setAside: rest });
}
