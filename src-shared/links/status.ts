import type { LockRecord } from './lock.js';

export const LINK_STATUSES = ['synced', 'modified', 'outdated', 'conflict', 'forked', 'detached'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** What upstream said when last asked (offline, the table shows this and its age). */
export type UpstreamFact =
  | { state: 'found'; commit: string; version: string | null; checkedAt: number }
  /** The repository, branch or every matching tag is gone: nothing to follow any more. */
  | { state: 'gone'; reason: string; checkedAt: number };

/** Everything the status of one linked namespace is derived from; nothing else is stored. */
export interface LinkFacts {
  namespace: string;
  /** The lock item's record; null when there is none or it does not read. */
  lock: LockRecord | null;
  /** Why the lock item does not read, when it is there. */
  lockProblem?: string;
  /** Null: upstream was never asked on this computer. */
  upstream: UpstreamFact | null;
  /** Paths of items whose content differs from the files at the lock's commit. */
  changedItems: readonly string[];
  /** Paths of items with several heads that disagree. */
  conflictedItems: readonly string[];
  /** Local edits pushed to a fork for a pull request; `holdsLocalEdits` when nothing changed since. */
  fork: {
    repository: string;
    branch: string;
    pullRequestUrl: string | null;
    holdsLocalEdits: boolean;
  } | null;
}

export interface LinkStatusRow {
  namespace: string;
  status: LinkStatus;
  /** Upstream has a newer commit than the lock, whatever the status shows first. */
  outdated: boolean;
  localCommit: string | null;
  upstreamCommit: string | null;
  localVersion: string | null;
  upstreamVersion: string | null;
  /** When the lock was last resolved (the last sync with upstream). */
  lastSyncAt: number | null;
  /** When upstream was last asked; its age is what "offline" shows. */
  upstreamCheckedAt: number | null;
  changed: number;
  conflicts: number;
  /** One line in words: what the status means for this namespace. */
  detail: string;
}

/**
 * One status per linked namespace, the most pressing first: detached (no
 * upstream to follow), conflict (someone must decide), forked (our edits
 * wait in a fork), modified (edits not pushed), outdated (upstream moved),
 * synced. `outdated` stays visible as its own flag under the first four.
 */
export function linkStatus(facts: LinkFacts): LinkStatusRow {
  const { lock, upstream } = facts;
  const found = upstream?.state === 'found' ? upstream : null;
  const outdated = !!lock && !!found && found.commit !== lock.commit;
  const row = {
    namespace: facts.namespace,
    outdated,
    localCommit: lock?.commit ?? null,
    upstreamCommit: found?.commit ?? null,
    localVersion: lock?.resolvedVersion ?? null,
    upstreamVersion: found?.version ?? null,
    lastSyncAt: lock?.resolvedAt ?? null,
    upstreamCheckedAt: upstream?.checkedAt ?? null,
    changed: facts.changedItems.length,
    conflicts: facts.conflictedItems.length,
  };
  const [status, detail] = decide(facts, outdated);
  return { ...row, status, detail };
}

function decide(facts: LinkFacts, outdated: boolean): [LinkStatus, string] {
  const { lock, upstream, fork } = facts;
  const changed = facts.changedItems.length;
  if (!lock) return ['detached', facts.lockProblem ?? 'No lock: the namespace follows no upstream commit.'];
  if (upstream?.state === 'gone') return ['detached', `Upstream is gone: ${upstream.reason}`];
  const behind = outdated ? '; upstream has a newer commit' : '';
  if (facts.conflictedItems.length > 0) {
    return ['conflict', `${count(facts.conflictedItems.length, 'item')} in conflict${behind}.`];
  }
  if (changed > 0 && fork?.holdsLocalEdits) {
    const where = fork.pullRequestUrl ? `, pull request ${fork.pullRequestUrl}` : '';
    return [
      'forked',
      `${count(changed, 'changed item')} in fork ${fork.repository} (${fork.branch}${where})${behind}.`,
    ];
  }
  if (changed > 0) return ['modified', `${count(changed, 'changed item')} not pushed upstream${behind}.`];
  if (outdated)
    return ['outdated', `Upstream is at ${describe(upstream)}; the lock is at ${describeLock(lock)}.`];
  return ['synced', `At ${describeLock(lock)}, as upstream.`];
}

/** The report's closing line: "1 synced, 1 modified, 1 outdated, 1 conflict" (statuses with none are left out). */
export function statusSummary(rows: readonly LinkStatusRow[]): string {
  const parts = LINK_STATUSES.map(
    (status) => [status, rows.filter((r) => r.status === status).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  return parts.length ? parts.join(', ') : 'No linked namespaces';
}

/** "2 h ago", "3 d ago": how old the last known upstream state is. */
export function ageText(then: number | null, now: number): string {
  if (then === null) return 'never';
  const minutes = Math.max(0, Math.floor((now - then) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

export function shortCommit(commit: string | null): string {
  return commit ? commit.slice(0, 7) : '—';
}

function describeLock(lock: LockRecord): string {
  return lock.resolvedVersion
    ? `${lock.resolvedVersion} (${shortCommit(lock.commit)})`
    : shortCommit(lock.commit);
}

function describe(upstream: UpstreamFact | null): string {
  if (upstream?.state !== 'found') return 'an unknown commit';
  return upstream.version
    ? `${upstream.version} (${shortCommit(upstream.commit)})`
    : shortCommit(upstream.commit);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
