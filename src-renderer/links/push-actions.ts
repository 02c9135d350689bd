import type { Bridge } from '../../src-shared/bridge/index.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import { pushItemPath } from '../../src-shared/links/lock.js';
import type { PushChange, PushRecord } from '../../src-shared/links/push-plan.js';
import { formatPushRecord, pushRecordNews, pushRecordsOf } from '../../src-shared/links/push-record.js';
import { useLinkPush, type PushOutcome } from '../state/link-push-slice.js';
import type { Workspace } from '../workspace/index.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const outcome = (next: PushOutcome) => useLinkPush.setState({ outcome: next });

/**
 * Pushes the edits the confirmation showed: a sync queue entry that runs at
 * once when main can reach upstream, and otherwise waits there (the panel
 * says so). Main decides direct or fork + pull request.
 */
export async function pushLinkedNamespace(
  namespace: string,
  lock: LockRecord,
  changes: PushChange[],
  now: number = Date.now(),
): Promise<void> {
  const queue = useLinkPush.getState().queue;
  if (!queue) return outcome({ namespace, state: 'failed', message: 'Tether is still starting; try again.' });
  outcome({ namespace, state: 'running', message: `Pushing ${namespace}…` });
  try {
    const { state, message } = await queue.attempt({
      kind: 'push',
      namespace,
      lock,
      changes,
      requestedAt: now,
    });
    // Done: the message is main's summary of the push (pushSummary), and the push record item is written.
    outcome({ namespace, state: state === 'waiting' ? 'queued' : state, message });
  } catch (error) {
    outcome({ namespace, state: 'failed', message: messageOf(error) });
  }
}

/**
 * The pushes made from this computer (main's records; with `refresh`, open
 * pull requests' states asked anew): what the team's push record items do
 * not hold yet, a newer push or a pull request's new state, is written to
 * them, so every teammate sees it.
 */
export async function loadPushes(bridge: Bridge, workspace: Workspace, refresh: boolean): Promise<void> {
  try {
    const [records] = await Promise.all([bridge.call('links.pushes', { refresh }), loadForges(bridge)]);
    useLinkPush.setState({ pushedHere: records.map((r) => r.namespace) });
    const team = pushRecordsOf(workspace.getSnapshot().items);
    for (const record of records) {
      if (pushRecordNews(record, team[record.namespace])) await savePushRecord(workspace, record);
    }
  } catch {
    // Shown as before: the team's records are still the items they were.
  }
}

/** The forges that have a token (never the token). */
export async function loadForges(bridge: Bridge): Promise<void> {
  const forges = await bridge.call('links.forges');
  useLinkPush.setState({ forges: forges.map((f) => f.baseUrl) });
}

/**
 * Writes a push's record to its namespace's push record item (made the
 * first time), so it syncs to the team like the lock. An item in conflict
 * is left to the resolver: two teammates' pushes are theirs to choose from.
 */
export async function savePushRecord(workspace: Workspace, record: PushRecord): Promise<void> {
  const path = pushItemPath(record.namespace);
  const content = formatPushRecord(record);
  const { items, deletedItems } = workspace.getSnapshot();
  const item = items.find((i) => i.path === path);
  if (item?.conflict || item?.content === content) return;
  if (item) return workspace.updateContent(item.itemId, content);
  const gone = deletedItems.find((i) => i.path === path);
  if (!gone) return void (await workspace.createItem({ path, kind: 'component', content }));
  await workspace.restoreItem(gone.itemId);
  await workspace.updateContent(gone.itemId, content);
}

export async function syncFork(bridge: Bridge, namespace: string): Promise<void> {
  outcome({
    namespace,
    state: 'running',
    message: `Bringing the fork of ${namespace} in step with upstream…`,
  });
  try {
    const { message } = await bridge.call('links.syncFork', { namespace });
    outcome({ namespace, state: 'done', message });
  } catch (error) {
    outcome({ namespace, state: 'failed', message: messageOf(error) });
  }
}

/** Sets (or, with null, removes) a forge's token; the page learns only which forges have one. */
export async function setForgeToken(bridge: Bridge, baseUrl: string, token: string | null): Promise<void> {
  const forges = await bridge.call('links.setForgeToken', { baseUrl, token });
  useLinkPush.setState({ forges: forges.map((f) => f.baseUrl) });
}
