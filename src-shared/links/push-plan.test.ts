import { describe, expect, it } from 'vitest';
import type { LinkFacts } from './status.js';
import { linkStatus } from './status.js';
import {
  alreadyPushed,
  applyPushChanges,
  effectiveChanges,
  pushChanges,
  pushRefusal,
  pushSummary,
  sameChanges,
  withPush,
  type PushChange,
  type PushRecord,
} from './push-plan.js';
import { linkQueueEntry, linkStepOf } from './push-queue.js';
import { formatPushRecord, parsePushRecord, pushRecordNews, pushRecordsOf } from './push-record.js';
import { upstreamItemFor } from './import.js';

const lock = {
  repository: 'https://github.com/acme/crm.git',
  path: 'components/crm',
  constraint: { kind: 'version' as const, range: '^1' },
  requires: [],
  resolvedVersion: '1.0.0',
  resolvedRef: 'v1.0.0',
  commit: 'a'.repeat(40),
  treeId: 'b'.repeat(40),
  resolvedAt: 1,
  resolvedBy: 'alice',
};
const facts = (changedItems: string[]): LinkFacts => ({
  namespace: 'Acme.Crm',
  lock,
  upstream: null,
  changedItems,
  conflictedItems: [],
  fork: null,
});
const upstream = [
  { path: 'Acme.Crm.lookup', kind: 'component' as const, content: 'a\n' },
  { path: 'Acme.Crm.gone', kind: 'component' as const, content: 'g\n' },
];

/** A push of `changes` through bob's fork, with pull request #3 open. */
function forkRecord(changes: PushChange[]): PushRecord {
  return {
    namespace: 'Acme.Crm',
    repository: lock.repository,
    mode: 'fork',
    pushedTo: 'bob/crm',
    branch: 'tether/Acme.Crm-1',
    commit: 'c'.repeat(40),
    base: lock.commit,
    pushedAt: 1000,
    changes,
    pullRequest: { number: 3, url: 'https://github.com/acme/crm/pull/3', state: 'open', reused: false },
  };
}

describe('what a push of a linked namespace sends', () => {
  it('is the changed items with their content, and a changed path no live item has as deleted', () => {
    const items = [
      { path: 'Acme.Crm.lookup', kind: 'component' as const, content: 'b\n', deleted: false },
      { path: 'Acme.Crm.same', kind: 'component' as const, content: 's\n', deleted: false },
    ];
    expect(pushChanges(facts(['Acme.Crm.gone', 'Acme.Crm.lookup']), items)).toEqual([
      { path: 'Acme.Crm.gone', deleted: true },
      { path: 'Acme.Crm.lookup', kind: 'component', content: 'b\n' },
    ]);
  });

  it('refuses nothing to push, paths outside the namespace, the lock item and repeats, in words', () => {
    const edit = (path: string): PushChange => ({ path, kind: 'component', content: 'x' });
    expect(pushRefusal('Acme.Crm', [])).toMatch(/Nothing to push/);
    expect(pushRefusal('Acme.Crm', [edit('Acme.Billing.x')])).toMatch(/not an item of Acme.Crm/);
    expect(pushRefusal('Acme.Crm', [edit('Acme.Crm._link')])).toMatch(/never pushed/);
    expect(pushRefusal('Acme.Crm', [edit('Acme.Crm._push')])).toMatch(/never pushed/);
    expect(pushRefusal('Acme.Crm', [edit('Acme.Crm.a'), edit('Acme.Crm.a')])).toMatch(/twice/);
    expect(pushRefusal('Acme.Crm', [edit('Acme.Crm.sub.a')])).toBeNull();
  });

  it('lays the edits over upstream’s items, and drops edits that change nothing', () => {
    const changes: PushChange[] = [
      { path: 'Acme.Crm.lookup', kind: 'component', content: 'a\n' },
      { path: 'Acme.Crm.gone', deleted: true },
      { path: 'Acme.Crm.never', deleted: true },
      { path: 'Acme.Crm.new', kind: 'fn', content: 'n' },
    ];
    expect(effectiveChanges(upstream, changes).map((c) => c.path)).toEqual(['Acme.Crm.gone', 'Acme.Crm.new']);
    expect(applyPushChanges(upstream, changes).map((i) => `${i.path}=${i.content}`)).toEqual([
      'Acme.Crm.lookup=a\n',
      'Acme.Crm.new=n',
    ]);
  });

  it('shows the namespace as forked while the local edits are the ones in the fork, with the pull request', () => {
    const changes: PushChange[] = [{ path: 'Acme.Crm.lookup', kind: 'component', content: 'b\n' }];
    const record = forkRecord(changes);
    const forked = linkStatus(withPush(facts(['Acme.Crm.lookup']), record, changes));
    expect(forked.status).toBe('forked');
    expect(forked.detail).toContain('pull request https://github.com/acme/crm/pull/3');
    const editedSince = [{ ...changes[0]!, content: 'c\n' } as PushChange];
    expect(linkStatus(withPush(facts(['Acme.Crm.lookup']), record, editedSince)).status).toBe('modified');
    expect(withPush(facts([]), { ...record, mode: 'direct' }, []).fork).toBeNull();
    expect(sameChanges(changes, [...changes])).toBe(true);
    // Pushing the same edits again only repeats it while the pull request is open (or the branch is upstream's).
    expect(alreadyPushed(record, lock.commit, changes)).toBe('These edits already wait in pull request #3.');
    expect(alreadyPushed(record, lock.commit, editedSince)).toBeNull();
    expect(
      alreadyPushed(
        { ...record, pullRequest: { ...record.pullRequest!, state: 'closed' } },
        lock.commit,
        changes,
      ),
    ).toBeNull();
    expect(alreadyPushed({ ...record, mode: 'direct', pullRequest: null }, lock.commit, changes)).toMatch(
      /already in branch/,
    );
    expect(pushSummary(record)).toBe(
      'Pushed to branch tether/Acme.Crm-1 of bob/crm; pull request #3 opened (open).',
    );
  });

  it('keeps the last push as the team’s `_push` item: written, read back, news told from repeats', () => {
    const record = forkRecord([{ path: 'Acme.Crm.lookup', kind: 'component', content: 'b\n' }]);
    const content = formatPushRecord(record);
    expect(parsePushRecord(content)).toEqual(record);
    expect(parsePushRecord('mode: [')).toBeNull();
    expect(parsePushRecord('mode: fork\n')).toBeNull();
    const item = (path: string, text = content, deleted = false) => ({ path, content: text, deleted });
    expect(pushRecordsOf([item('Acme.Crm._push'), item('Acme.Crm.lookup', 'b\n')])).toEqual({
      'Acme.Crm': record,
    });
    // A record under another namespace's item, or deleted, is not believed.
    expect(pushRecordsOf([item('Acme.Other._push'), item('Acme.Crm._push', content, true)])).toEqual({});
    expect(pushRecordNews(record, undefined)).toBe(true);
    expect(pushRecordNews(record, record)).toBe(false);
    const merged = { ...record, pullRequest: { ...record.pullRequest!, state: 'merged' as const } };
    expect(pushRecordNews(merged, record)).toBe(true);
    expect(pushRecordNews({ ...record, pushedAt: 2000, branch: 'tether/Acme.Crm-2' }, record)).toBe(true);
    expect(pushRecordNews(record, { ...record, pushedAt: 2000, branch: 'tether/Acme.Crm-2' })).toBe(false);
    // Upstream files may not take the record's name.
    expect(upstreamItemFor('Acme.Crm', 'components/crm', 'components/crm/_push.yaml')).toEqual({
      ok: false,
      reason: "the name _push is kept for the link's own records",
    });
  });

  it('queues a push as a sync queue entry in the namespace’s lane, and reads it back', () => {
    const step = {
      kind: 'push' as const,
      namespace: 'Acme.Crm',
      lock,
      changes: [{ path: 'Acme.Crm.lookup', kind: 'component' as const, content: 'b\n' }],
      requestedAt: 5,
    };
    const entry = linkQueueEntry(step);
    expect(entry).toMatchObject({
      type: 'linked_namespace',
      lane: 'link:Acme.Crm',
      idempotencyKey: 'link_push:5:Acme.Crm',
    });
    expect(entry.title).toBe('Push 1 change of Acme.Crm upstream');
    expect(linkStepOf({ type: 'linked_namespace', payload: entry.payload })).toEqual(step);
    expect(linkStepOf({ type: 'linked_namespace', payload: { kind: 'push' } })).toBeNull();
    expect(linkStepOf({ type: 'git_push', payload: entry.payload })).toBeNull();
  });
});
