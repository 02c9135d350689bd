import { z } from 'zod';
import { ItemKindSchema, type ItemKind } from '../model/op.js';
import { isWithinNamespace, ItemPathSchema, splitPath } from '../model/path.js';
import { isLinkRecordPath } from './lock.js';
import type { LinkFacts } from './status.js';

/**
 * One local edit of a linked namespace, as a push sends it: the item's
 * content now, or null when the item is gone. Only edits travel (what the
 * confirmation showed); main lays them over upstream's files at the lock.
 */
export const PushChangeSchema = z.union([
  z.object({ path: ItemPathSchema, kind: ItemKindSchema, content: z.string().max(1024 * 1024) }),
  z.object({ path: ItemPathSchema, deleted: z.literal(true) }),
]);
export type PushChange = z.infer<typeof PushChangeSchema>;

/** An item as a push needs it (a branch view's item state has all of this). */
export interface PushItemView {
  path: string;
  kind: ItemKind;
  content: string;
  deleted: boolean;
}

/**
 * The edits of a linked namespace against upstream's files at the lock:
 * every changed path the status found, with the item's content now, or
 * as deleted when no live item has that path here (deleted or renamed).
 */
export function pushChanges(
  facts: Pick<LinkFacts, 'changedItems'>,
  items: readonly PushItemView[],
): PushChange[] {
  const live = new Map(items.filter((item) => !item.deleted).map((item) => [item.path, item]));
  return facts.changedItems.map((path): PushChange => {
    const item = live.get(path);
    return item ? { path, kind: item.kind, content: item.content } : { path, deleted: true };
  });
}

/** Why a push of these edits cannot be asked for (null: it can), in words for the button's reason. */
export function pushRefusal(namespace: string, changes: readonly PushChange[]): string | null {
  if (changes.length === 0) return 'Nothing to push: every item is as upstream’s files at the lock.';
  const seen = new Set<string>();
  for (const change of changes) {
    if (!isWithinNamespace(splitPath(change.path).namespace, namespace))
      return `${change.path} is not an item of ${namespace}.`;
    if (isLinkRecordPath(change.path))
      return 'The link’s lock and push record are Tether’s, not upstream’s: they are never pushed.';
    if (seen.has(change.path)) return `${change.path} is listed twice.`;
    seen.add(change.path);
  }
  return null;
}

/**
 * The namespace's items after the edits: upstream's items at the lock with
 * each change laid over (replaced, added, or removed).
 */
export function applyPushChanges<T extends { path: string; kind: ItemKind; content: string }>(
  upstream: readonly T[],
  changes: readonly PushChange[],
): { path: string; kind: ItemKind; content: string }[] {
  const byPath = new Map<string, { path: string; kind: ItemKind; content: string }>(
    upstream.map((item) => [item.path, { path: item.path, kind: item.kind, content: item.content }]),
  );
  for (const change of changes) {
    if ('deleted' in change) byPath.delete(change.path);
    else byPath.set(change.path, { path: change.path, kind: change.kind, content: change.content });
  }
  return [...byPath.values()];
}

/** The edits that change something against upstream's items at the lock (an edit undone changes nothing). */
export function effectiveChanges(
  upstream: readonly { path: string; kind: ItemKind; content: string }[],
  changes: readonly PushChange[],
): PushChange[] {
  const byPath = new Map(upstream.map((item) => [item.path, item]));
  return changes.filter((change) => {
    const was = byPath.get(change.path);
    if ('deleted' in change) return was !== undefined;
    return !was || was.content !== change.content || was.kind !== change.kind;
  });
}

/** Where a push went and what became of it (main remembers the last one per namespace). */
export const PullRequestStateSchema = z.enum(['open', 'closed', 'merged']);
export type PullRequestState = z.infer<typeof PullRequestStateSchema>;

export const PushRecordSchema = z.object({
  namespace: z.string(),
  /** The upstream repository of the lock the push was made on. */
  repository: z.string(),
  /** `direct`: a branch of upstream itself; `fork`: a branch of the caller's fork, with a pull request. */
  mode: z.enum(['direct', 'fork']),
  /** The repository that holds the branch (`owner/name` on a forge, else the address). */
  pushedTo: z.string(),
  branch: z.string(),
  commit: z.string(),
  /** The lock's commit the branch starts from. */
  base: z.string(),
  pushedAt: z.number().int().nonnegative(),
  /** Who pushed (the record is team data; records from before it was kept have none). */
  pushedBy: z.string().min(1).max(128).optional(),
  /** The edits the branch holds, so the status can tell whether the local items still match it. */
  changes: z.array(PushChangeSchema),
  pullRequest: z
    .object({
      number: z.number().int().positive(),
      url: z.string(),
      state: PullRequestStateSchema,
      /** It was there already (a retry, or a push of the same branch): found, not opened again. */
      reused: z.boolean(),
    })
    .nullable(),
});
export type PushRecord = z.infer<typeof PushRecordSchema>;

/** The same edits, whatever their order: the local items still are what the branch holds. */
export function sameChanges(a: readonly PushChange[], b: readonly PushChange[]): boolean {
  if (a.length !== b.length) return false;
  const key = (c: PushChange) => ('deleted' in c ? `${c.path}\0-` : `${c.path}\0+${c.kind}\0${c.content}`);
  const left = new Set(a.map(key));
  return b.every((change) => left.has(key(change)));
}

/**
 * The status facts with the last push folded on: edits that went to a fork
 * make the namespace "forked" while the local items still are those edits.
 */
export function withPush(facts: LinkFacts, record: PushRecord | null, now: readonly PushChange[]): LinkFacts {
  if (!record || record.mode !== 'fork' || !facts.lock || record.base !== facts.lock.commit) return facts;
  return {
    ...facts,
    fork: {
      repository: record.pushedTo,
      branch: record.branch,
      pullRequestUrl: record.pullRequest?.url ?? null,
      holdsLocalEdits: sameChanges(record.changes, now),
    },
  };
}

/**
 * Why pushing again would only repeat the last push (null: it would not):
 * the same edits on the same lock already sit in a branch upstream, or in a
 * fork with a pull request still open.
 */
export function alreadyPushed(
  record: PushRecord | null,
  lockCommit: string,
  changes: readonly PushChange[],
): string | null {
  if (!record || record.base !== lockCommit || !sameChanges(record.changes, changes)) return null;
  if (record.mode === 'direct') return `These edits are already in branch ${record.branch} upstream.`;
  if (record.pullRequest?.state === 'open')
    return `These edits already wait in pull request #${record.pullRequest.number}.`;
  return null;
}

/** One line for the result: where the edits went, and the pull request's number and state. */
export function pushSummary(record: PushRecord): string {
  const where = `branch ${record.branch} of ${record.pushedTo}`;
  if (!record.pullRequest) return `Pushed to ${where}.`;
  const { number, state, reused } = record.pullRequest;
  return `Pushed to ${where}; pull request #${number} ${reused ? 'was already there' : 'opened'} (${state}).`;
}
