import { describe, expect, it } from 'vitest';
import { findIntent, makeQueueEntry } from '../queue/entry.js';
import { afterFailure, runnableEntries } from '../queue/policy.js';
import { gitFailureKind, gitQueueEntry, gitQueueHold, gitStepOf } from './git-queue.js';

const entryFor = (step: 'push' | 'pull', n: number) =>
  makeQueueEntry(gitQueueEntry(step), `git-entry-${n}`, 1_000 * n);

describe("git's network steps as queue entries", () => {
  it('are named in words, one unfinished entry per step', () => {
    const push = entryFor('push', 1);
    expect(push).toMatchObject({ type: 'git_push', title: 'Push to git remote origin', status: 'pending' });
    expect(entryFor('pull', 2).title).toBe('Pull from git remote origin');
    expect(gitStepOf(push)).toBe('push');
    expect(gitStepOf({ type: 'push_ops' })).toBeNull();
    // Asking for another push while one waits finds that one; a finished one does not count.
    expect(findIntent([push], gitQueueEntry('push').idempotencyKey)).toBe(push);
    expect(
      findIntent([{ ...push, status: 'completed' }], gitQueueEntry('push').idempotencyKey),
    ).toBeUndefined();
    expect(findIntent([push], gitQueueEntry('pull').idempotencyKey)).toBeUndefined();
  });

  it('a push that failed for good does not hold back a pull', () => {
    const push = { ...entryFor('push', 1), status: 'failed' as const, error: 'sign-in' };
    const pull = entryFor('pull', 2);
    expect(runnableEntries([push, pull], 5_000).map((e) => e.title)).toEqual(['Pull from git remote origin']);
  });

  it('travel mode and a computer known to be offline hold them; without a server the tries decide', () => {
    expect(gitQueueHold({ travelMode: true, connection: 'online' })).toBe('travel');
    expect(gitQueueHold({ travelMode: false, connection: 'offline' })).toBe('offline');
    expect(gitQueueHold({ travelMode: false, connection: 'online' })).toBeNull();
    expect(gitQueueHold({ travelMode: false, connection: 'none' })).toBeNull();
    expect(gitQueueHold({ travelMode: false, connection: null })).toBeNull();
  });

  it('a remote out of reach backs off; what the user must fix fails at once; travel counts no try', () => {
    for (const reason of ['unreachable', 'timeout', 'index_locked', 'rejected'])
      expect(gitFailureKind(reason)).toBe('transient');
    for (const reason of ['auth', 'no_remote', 'not_a_repo', 'missing_git', 'failed'])
      expect(gitFailureKind(reason)).toBe('refused');
    expect(gitFailureKind('travel')).toBe('offline');

    const push = entryFor('push', 1);
    const unreachable = afterFailure(push, { kind: 'transient', message: 'unreachable' }, 10_000, () => 0);
    expect(unreachable).toMatchObject({ status: 'pending', retryCount: 1, nextAttemptAt: 11_000 });
    const travel = afterFailure(push, { kind: 'offline', message: 'travel' }, 10_000);
    expect(travel).toMatchObject({ status: 'pending', retryCount: 0, nextAttemptAt: 0 });
    const auth = afterFailure(push, { kind: 'refused', message: 'sign in' }, 10_000);
    expect(auth).toMatchObject({ status: 'failed', retryCount: 1, error: 'sign in' });
  });
});
