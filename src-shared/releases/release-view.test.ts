import { describe, expect, it } from 'vitest';
import { testOp } from '../ops/testing.js';
import type { Release } from '../sync-protocol/releases.js';
import { newlyPromoted, promotionNotice } from './notify.js';
import { diffReleases } from './release-diff.js';
import { releaseSnapshot } from './release-view.js';

const log = [
  testOp({ id: 'a1', itemId: 'a', path: 'Acme.alpha', content: 'one\n', at: 1 }),
  testOp({ id: 'a2', itemId: 'a', parents: ['a1'], path: 'Acme.alpha', content: 'one\ntwo\n', at: 2 }),
  testOp({ id: 'a3', itemId: 'a', parents: ['a2'], path: 'Acme.alpha', content: 'later\n', at: 3 }),
  testOp({ id: 'b1', itemId: 'b', path: 'Acme.beta', content: 'base\n', at: 1 }),
  testOp({ id: 'b2', itemId: 'b', parents: ['b1'], path: 'Acme.beta', content: 'mine\n', at: 2 }),
  testOp({ id: 'b3', itemId: 'b', parents: ['b1'], path: 'Acme.beta', content: 'theirs\n', at: 3 }),
  testOp({ id: 'c1', itemId: 'c', path: 'Acme.gone', at: 1 }),
  testOp({ id: 'c2', itemId: 'c', type: 'delete', parents: ['c1'], path: 'Acme.gone', at: 2 }),
  testOp({ id: 'd1', itemId: 'd', path: 'Acme.delta', content: 'd\n', at: 1 }),
  testOp({ id: 'd2', itemId: 'd', parents: ['d1'], path: 'Acme.moved', content: 'd\n', at: 2 }),
];
const byId = new Map(log.map((op) => [op.id, op]));
const lookup = (id: string) => byId.get(id);
const head = (itemId: string, opId: string) => ({ itemId, opId });

describe('a namespace as of a release', () => {
  it('shows each item at the exact op the release froze, not the newest one', () => {
    const { items, missingItemIds } = releaseSnapshot(lookup, [head('a', 'a2'), head('d', 'd1')]);
    expect(items.map((i) => `${i.path}=${i.content}`)).toEqual(['Acme.alpha=one\ntwo\n', 'Acme.delta=d\n']);
    expect(missingItemIds).toEqual([]);
  });

  it('shows a conflict frozen into the release with its base, leaves deleted items out, names missing ones', () => {
    const snap = releaseSnapshot(lookup, [
      head('b', 'b2'),
      head('b', 'b3'),
      head('c', 'c2'),
      head('x', 'not-here'),
    ]);
    expect(snap.items).toHaveLength(1);
    expect(snap.items[0]?.conflict?.base?.content).toBe('base\n');
    expect(snap.items[0]?.heads).toEqual(['b2', 'b3']);
    expect(snap.missingItemIds).toEqual(['x']);
  });
});

describe('diff between two releases', () => {
  it('names added, removed, changed and moved items by identity', () => {
    const older = releaseSnapshot(lookup, [head('a', 'a1'), head('c', 'c1'), head('d', 'd1')]).items;
    const newer = releaseSnapshot(lookup, [head('a', 'a3'), head('b', 'b1'), head('d', 'd2')]).items;
    expect(diffReleases(older, newer).map((d) => `${d.change} ${d.fromPath} → ${d.toPath}`)).toEqual([
      'changed Acme.alpha → Acme.alpha',
      'added null → Acme.beta',
      'removed Acme.gone → null',
      'moved Acme.delta → Acme.moved',
    ]);
    expect(diffReleases(newer, newer)).toEqual([]);
  });
});

describe('promotion notices', () => {
  const release = (id: string, status: 'draft' | 'promoted', promotedBy: string | null) =>
    ({ id, status, promotedBy, namespaces: ['Acme'], version: `1.0.${id.length}` }) as Release;

  it('names releases others promoted since the last look, not one’s own nor old ones', () => {
    const before = new Map<string, Release['status']>([
      ['a', 'draft'],
      ['bb', 'promoted'],
      ['ccc', 'draft'],
    ]);
    const now = [
      release('a', 'promoted', 'alice'),
      release('bb', 'promoted', 'alice'),
      release('ccc', 'promoted', 'bob'),
      release('dddd', 'promoted', 'carol'),
      release('eeeee', 'draft', null),
    ];
    const promoted = newlyPromoted(before, now, 'bob');
    expect(promoted.map((r) => r.id)).toEqual(['a', 'dddd']);
    expect(promotionNotice(promoted[0] as Release)).toBe('alice promoted Acme 1.0.1');
  });
});
