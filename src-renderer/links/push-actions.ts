import type { Bridge } from '../../src-shared/bridge/index.js';
import type { LockRecord } from '../../src-shared/links/lock.js';
import { pushSummary, type PushChange } from '../../src-shared/links/push-plan.js';
import { useLinkPush, type PushOutcome } from '../state/link-push-slice.js';

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
    const record = useLinkPush.getState().records[namespace];
    if (state === 'done' && record?.pushedAt === now)
      return outcome({ namespace, state, message: pushSummary(record) });
    outcome({ namespace, state: state === 'waiting' ? 'queued' : state, message });
  } catch (error) {
    outcome({ namespace, state: 'failed', message: messageOf(error) });
  }
}

/** Main's record of each namespace's last push; with `refresh`, pull requests' states asked anew. */
export async function loadPushes(bridge: Bridge, refresh: boolean): Promise<void> {
  try {
    const [records, forges] = await Promise.all([
      bridge.call('links.pushes', { refresh }),
      bridge.call('links.forges'),
    ]);
    useLinkPush.setState({
      records: Object.fromEntries(records.map((r) => [r.namespace, r])),
      forges: forges.map((f) => f.baseUrl),
    });
  } catch {
    // Shown as before: the table still has the last records this page read.
  }
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
