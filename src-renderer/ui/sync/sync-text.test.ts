import { describe, expect, it } from 'vitest';
import {
  branchSyncedText,
  noticeMessage,
  pathList,
  progressText,
  summaryMessage,
  summaryMoved,
  updateFromMainMessage,
} from './sync-text.js';

const summary = (pushed: number, pulled: number, conflicts: number) => ({
  branchId: 'b1',
  pushed,
  pulled,
  conflicts,
  at: 1,
});

describe('sync summary text', () => {
  it('names the branch and the counts that are not zero', () => {
    expect(summaryMessage(summary(3, 5, 1), 'feature-x')).toBe(
      'Synced feature-x: 3 pushed, 5 pulled, 1 conflict',
    );
    expect(summaryMessage(summary(0, 2, 0), 'main')).toBe('Synced main: 2 pulled');
    expect(summaryMessage(summary(1, 0, 0), 'main')).toBe('Synced main: 1 pushed');
    expect(summaryMessage(summary(0, 0, 0), 'main')).toBe('Synced main: nothing to push or pull');
    expect(summaryMessage(summary(0, 0, 2), 'x')).toBe('Synced x: nothing to push or pull, 2 conflicts');
  });
  it('counts a sync that moved no op as quiet, even with standing conflicts', () => {
    expect(summaryMoved(summary(0, 0, 0))).toBe(false);
    expect(summaryMoved(summary(0, 0, 2))).toBe(false);
    expect(summaryMoved(summary(0, 1, 0))).toBe(true);
  });
});

describe('progressText', () => {
  it('is silent while idle and counts while syncing', () => {
    expect(progressText(null)).toBeNull();
    expect(progressText({ phase: 'idle', branchId: null, done: 0, total: null })).toBeNull();
    expect(progressText({ phase: 'pulling', branchId: 'main', done: 12, total: 40 })).toBe(
      'Syncing 12 of 40…',
    );
    expect(progressText({ phase: 'pushing', branchId: 'main', done: 3, total: null })).toBe('Sending 3…');
    expect(progressText({ phase: 'heads', branchId: 'main', done: 1000, total: null })).toBe(
      'Loading current items… 1,000',
    );
  });
  it('shows history as a percentage and never above 100', () => {
    expect(progressText({ phase: 'history', branchId: null, done: 40, total: 100 })).toBe(
      'Loading history… 40%',
    );
    expect(progressText({ phase: 'history', branchId: null, done: 120, total: 100 })).toBe(
      'Loading history… 100%',
    );
    expect(progressText({ phase: 'history', branchId: null, done: 5, total: null })).toBe('Loading history…');
  });
});

describe('branch and notice text', () => {
  it('says a branch never synced was created offline', () => {
    const rel = () => '5 min ago';
    expect(branchSyncedText(null, true, rel)).toBe('Never synced (created offline)');
    expect(branchSyncedText(null, false, rel)).toBe('Never synced');
    expect(branchSyncedText(null, true, rel, true)).toBe('Not synced yet');
    expect(branchSyncedText(10, true, rel)).toBe('Last synced 5 min ago');
  });
  it('lists a few paths and counts the rest', () => {
    expect(pathList(['a', 'b'])).toBe('a, b');
    expect(pathList(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
  it('writes main-changed and merged-elsewhere notices', () => {
    const name = (id: string) => (id === 'b1' ? 'feature-x' : id);
    const changed = {
      id: 'n1',
      kind: 'main-changed' as const,
      branchId: 'b1',
      items: [
        { itemId: 'i1', path: 'Acme.charge', opCount: 1 },
        { itemId: 'i2', path: 'Acme.refund', opCount: 2 },
      ],
    };
    expect(noticeMessage(changed, name)).toBe(
      'Main changed 2 items you changed on feature-x: Acme.charge, Acme.refund',
    );
    const merged = {
      id: 'n2',
      kind: 'branch-merged-elsewhere' as const,
      branchId: 'b1',
      branchName: 'feature-x',
      by: 'bob',
      at: 5,
    };
    expect(noticeMessage(merged, name)).toBe('feature-x was merged into main by bob');
    expect(noticeMessage({ ...merged, kind: 'branch-abandoned-elsewhere', by: null }, name)).toBe(
      'feature-x was abandoned',
    );
  });
  it('names the owner and the branch when a branch is shared with you or no longer is', () => {
    const shared = {
      id: 'access-b1',
      kind: 'branch-shared-with-you' as const,
      branchId: 'b1',
      branchName: 'feature-x',
      owner: 'alice',
    };
    expect(noticeMessage(shared, () => 'unused')).toBe(
      'alice shared “feature-x” with you: you may now change, merge or abandon it too',
    );
    expect(noticeMessage({ ...shared, kind: 'branch-unshared-with-you' }, () => 'unused')).toBe(
      'alice stopped sharing “feature-x” with you: only alice and the people they add can change, merge or abandon it now',
    );
  });
  it('says how far ahead the clock is, in hours or days', () => {
    const name = () => 'x';
    const notice = (aheadMs: number) => ({
      id: 'clock-ahead' as const,
      kind: 'clock-ahead' as const,
      aheadMs,
    });
    expect(noticeMessage(notice(26 * 3_600_000), name)).toContain('about 26 hours ahead');
    expect(noticeMessage(notice(7 * 86_400_000), name)).toContain('about 7 days ahead');
  });

  it('reports conflicts left by an update from main', () => {
    expect(updateFromMainMessage(2)).toBe('Updated from main — 2 conflicts to resolve');
    expect(updateFromMainMessage(0)).toBe('Updated from main — no conflicts');
  });
});
