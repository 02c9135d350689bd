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
import { planPull } from '../../src-shared/links/pull-plan.js';
import { useLinks } from '../state/links-slice.js';
import { computePullPreview, linkNamespace, refreshLinks } from './links-actions.js';
import { applyPull } from './pull-apply.js';
import { savePushRecord } from './push-actions.js';

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
  if (step.kind === 'pull') return runQueuedPull(bridge, workspace, step);
  const { kind: _kind, ...params } = step;
  const record = await bridge.call('links.push', params);
  await savePushRecord(workspace, record);
  useLinkPush.setState((s) => ({ pushedHere: [...new Set([...s.pushedHere, record.namespace])] }));
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

type PullStep = Extract<LinkStep, { kind: 'pull' }>;

/**
 * Queues a pull that could not be previewed because upstream was out of
 * reach; it runs (preview, then the strategy) when upstream answers again.
 */
export async function queuePull(namespace: string, strategy: PullStep['strategy']): Promise<void> {
  const queue = useLinkPush.getState().queue;
  if (!queue) return;
  await queue.request({ kind: 'pull', namespace, strategy });
  // What it waits for is said from the queue entry itself (queuedPullNotice), so it ends with it.
  useLinks.setState({ error: null, upstreamOut: null });
}

/**
 * A queued pull: previewed now, against the items as they are now, and
 * applied with its strategy. A refusal (fast-forward over local edits, a
 * namespace no longer linked) fails the entry in words; no retry changes it.
 */
async function runQueuedPull(
  bridge: Bridge,
  workspace: Workspace,
  step: PullStep,
): Promise<{ message: string }> {
  const refuse = (message: string) => new BridgeError({ code: 'bad_request', message, retryable: false });
  const shown = await computePullPreview(bridge, workspace, step.namespace);
  if (!shown) throw refuse(`${step.namespace} is no longer linked; nothing was pulled.`);
  if ('error' in shown) throw refuse(shown.error);
  const plan = planPull(shown.entries, step.strategy, shown.target);
  if (!plan.ok) throw refuse(plan.message);
  const result = await applyPull(workspace, step.namespace, plan, new Map(Object.entries(shown.heads)), {
    now: Date.now(),
    newId: () => crypto.randomUUID(),
  });
  useLinks.setState({
    preview: null,
    pulled: { namespace: step.namespace, strategy: step.strategy, target: shown.target, result },
  });
  await refreshLinks(bridge, workspace);
  const version = shown.target.resolvedVersion ?? shown.target.resolvedRef;
  const clashes = result.conflicts.length;
  return {
    message: `${step.namespace} pulled to ${version}${clashes ? `, ${clashes} in conflict` : ''}.`,
  };
}
