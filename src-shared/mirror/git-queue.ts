import type { QueueEntry } from '../model/index.js';
import type { FailureKind } from '../queue/policy.js';
import type { NewQueueEntry } from '../queue/entry.js';

/**
 * Git's network steps as sync queue entries. Main runs git, but whether and
 * when a push or pull may go is the queue's to say (travel mode, backoff,
 * failure, retry, discard), the same as for every other entry.
 */
export type GitNetworkStep = 'push' | 'pull';

/** Tether names the remote it sets `origin` (Settings → Folder & Git). */
export const GIT_REMOTE_NAME = 'origin';

const TYPES = { push: 'git_push', pull: 'git_pull' } as const;

export function gitStepTitle(step: GitNetworkStep, remote = GIT_REMOTE_NAME): string {
  return step === 'push' ? `Push to git remote ${remote}` : `Pull from git remote ${remote}`;
}

/**
 * The entry for a step. One unfinished entry per step: asking again while
 * one waits changes nothing (a push sends every commit made until it runs).
 * Each step has a lane of its own, so a push that failed for good does not
 * hold back pulls.
 */
export function gitQueueEntry(step: GitNetworkStep): NewQueueEntry {
  return {
    type: TYPES[step],
    payload: { step },
    idempotencyKey: `git_${step}`,
    lane: `git:${step}`,
    title: gitStepTitle(step),
  };
}

/** The git step an entry stands for, or null for the server's entries. */
export function gitStepOf(entry: Pick<QueueEntry, 'type'>): GitNetworkStep | null {
  if (entry.type === 'git_push') return 'push';
  if (entry.type === 'git_pull') return 'pull';
  return null;
}

/** Why git entries do not run now (null: they may). */
export type GitQueueHold = 'travel' | 'offline' | null;

/**
 * Travel mode stops them. So does a computer main knows to be offline: a try
 * would only count against the entry. Without a Tether server (connection
 * 'none') there is no such signal, and the tries and their backoff decide.
 */
export function gitQueueHold(input: { travelMode: boolean; connection: string | null }): GitQueueHold {
  if (input.travelMode) return 'travel';
  if (input.connection === 'offline') return 'offline';
  return null;
}

/**
 * What a git failure means for its entry, from git's reason (src-main/git/errors.ts).
 * A remote out of reach, a slow one, a lock another git holds or a remote that
 * moved on are tried again with backoff; travel mode is a state (no try is
 * counted); anything the user must fix (sign-in, no remote, no git) fails at
 * once and waits for Retry or Discard.
 */
export function gitFailureKind(reason: string): FailureKind {
  if (reason === 'travel') return 'offline';
  if (['unreachable', 'timeout', 'index_locked', 'rejected'].includes(reason)) return 'transient';
  return 'refused';
}
