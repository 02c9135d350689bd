import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { Bridge } from '../../src-shared/bridge/index.js';
import { linkQueueEntry, linkStepOf, type LinkStep } from '../../src-shared/links/push-queue.js';
import { pushSummary } from '../../src-shared/links/push-plan.js';
import type { LinkRequest } from '../../src-shared/links/lock.js';
import type { TetherDb } from '../db/index.js';
import { StepQueue } from '../mirror/git-queue.js';
import { currentHold, wireStepQueue } from '../mirror/git-queue-wiring.js';
import { useLinkPush } from '../state/link-push-slice.js';
import type { Workspace } from '../workspace/index.js';
import { linkNamespace } from './links-actions.js';

/**
 * Starts the runner of linked namespaces' queue entries (link, push): they
 * run at once when online and wait in the sync queue otherwise, like git's.
 */
export function startLinkQueueWiring(bridge: Bridge, workspace: Workspace, db: TetherDb): () => void {
  const queue = new StepQueue<LinkStep>({
    db,
    steps: { of: linkStepOf, entry: linkQueueEntry },
    runStep: (step) => runLinkStep(bridge, workspace, step),
    hold: currentHold,
  });
  useLinkPush.setState({ queue });
  const stop = wireStepQueue(queue, db, 'Linked namespace');
  return () => {
    stop();
    useLinkPush.setState({ queue: null });
  };
}

async function runLinkStep(
  bridge: Bridge,
  workspace: Workspace,
  step: LinkStep,
): Promise<{ message: string }> {
  if (step.kind === 'link') {
    const refused = await linkNamespace(bridge, workspace, step.namespace, step.request);
    // Upstream answered, and said no (no tag meets the range, the namespace has items): no retry changes that.
    if (refused) throw new BridgeError({ code: 'bad_request', message: refused, retryable: false });
    return { message: `${step.namespace} is linked.` };
  }
  const { kind: _kind, ...params } = step;
  const record = await bridge.call('links.push', params);
  useLinkPush.setState((s) => ({ records: { ...s.records, [record.namespace]: record } }));
  return { message: pushSummary(record) };
}

/**
 * Links a namespace now when main can reach upstream; otherwise (offline,
 * travel mode, or upstream out of reach) the link waits in the sync queue.
 * Returns a refusal to show, or a notice that it waits.
 */
export async function linkOrQueue(
  bridge: Bridge,
  workspace: Workspace,
  namespace: string,
  request: LinkRequest,
): Promise<{ error: string | null; notice: string | null }> {
  const queue = useLinkPush.getState().queue;
  const step: LinkStep = { kind: 'link', namespace, request };
  if (queue && currentHold() !== null) {
    await queue.request(step);
    return { error: null, notice: waitNotice(step) };
  }
  try {
    return { error: await linkNamespace(bridge, workspace, namespace, request), notice: null };
  } catch (error) {
    if (!queue || !(error instanceof BridgeError) || error.code !== 'offline') throw error;
    await queue.request(step);
    return { error: null, notice: waitNotice(step) };
  }
}

function waitNotice(step: Extract<LinkStep, { kind: 'link' }>): string {
  return `Linking ${step.namespace} waits in the sync queue until upstream can be reached.`;
}
