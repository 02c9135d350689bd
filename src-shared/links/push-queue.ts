import { z } from 'zod';
import { LinkPushParamsSchema } from '../bridge/link-push.js';
import type { QueueEntry } from '../model/index.js';
import { NamespacePathSchema } from '../model/path.js';
import type { NewQueueEntry } from '../queue/entry.js';
import { LinkRequestSchema } from './lock.js';
import { PULL_STRATEGIES, PULL_STRATEGY_NAMES } from './preview.js';

/**
 * Linking a namespace and pushing its edits as sync queue entries: they need
 * the upstream repository, so offline (or in travel mode) they wait in the
 * queue, and run when the connection is back. A push carries the edits the
 * confirmation showed and the time it was asked for, so a retry makes the
 * same commit and finds its branch and pull request instead of new ones.
 */
export const LinkStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), namespace: NamespacePathSchema, request: LinkRequestSchema }),
  LinkPushParamsSchema.extend({ kind: z.literal('push') }),
  // A pull asked for while upstream was out of reach: previewed and applied when it is back.
  z.object({ kind: z.literal('pull'), namespace: NamespacePathSchema, strategy: z.enum(PULL_STRATEGIES) }),
]);
export type LinkStep = z.infer<typeof LinkStepSchema>;

const TYPE = 'linked_namespace';

export function linkStepTitle(step: LinkStep): string {
  if (step.kind === 'link') return `Link ${step.namespace} to ${step.request.repository}`;
  if (step.kind === 'pull')
    return `Pull ${step.namespace} from upstream (${PULL_STRATEGY_NAMES[step.strategy].toLowerCase()})`;
  const n = step.changes.length;
  return `Push ${n} change${n === 1 ? '' : 's'} of ${step.namespace} upstream`;
}

/** One lane per namespace: its link runs before its pull and push, and a failed one holds the later ones back. */
export function linkQueueEntry(step: LinkStep): NewQueueEntry {
  const key =
    step.kind === 'push'
      ? `link_push:${step.requestedAt}:${step.namespace}`
      : step.kind === 'pull'
        ? `link_pull:${step.strategy}:${step.namespace}`
        : `link:${step.namespace}`;
  return {
    type: TYPE,
    payload: step,
    idempotencyKey: key.slice(0, 128),
    lane: `link:${step.namespace}`.slice(0, 128),
    title: linkStepTitle(step),
  };
}

/** The step an entry stands for, or null for every other entry (or a payload that does not read). */
export function linkStepOf(entry: Pick<QueueEntry, 'type' | 'payload'>): LinkStep | null {
  if (entry.type !== TYPE) return null;
  const parsed = LinkStepSchema.safeParse(entry.payload);
  return parsed.success ? parsed.data : null;
}

/**
 * What the Pull panel says of the pulls of `namespace` in the sync queue,
 * read from the entries themselves so it ends when they do: one waits, or
 * one was refused as it ran (and why); null when none is left.
 */
export function queuedPullNotice(
  entries: readonly Pick<QueueEntry, 'type' | 'payload' | 'status' | 'error'>[],
  namespace: string,
): string | null {
  const pulls = entries.flatMap((entry) => {
    const step = linkStepOf(entry);
    return step?.kind === 'pull' && step.namespace === namespace && entry.status !== 'completed'
      ? [{ entry, how: PULL_STRATEGY_NAMES[step.strategy].toLowerCase() }]
      : [];
  });
  const failed = pulls.find(({ entry }) => entry.status === 'failed');
  if (failed)
    return `The queued pull of ${namespace} (${failed.how}) failed: ${failed.entry.error ?? 'no reason given'}`;
  const waiting = pulls[0];
  if (!waiting) return null;
  return `Pulling ${namespace} (${waiting.how}) waits in the sync queue until upstream can be reached.`;
}
