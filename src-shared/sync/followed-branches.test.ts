import { describe, expect, it } from 'vitest';
import { MAIN_BRANCH, type Branch } from '../model/index.js';
import { followedBranchesToPull } from './followed-branches.js';

function branch(id: string, fields: Partial<Branch> = {}): Branch {
  return {
    id,
    name: id,
    state: 'open',
    mainPolicy: 'isolated',
    baseSeq: 0,
    baseHlc: '0000000000000:0000',
    baseInstanceId: 'inst-a',
    createdBy: 'alice',
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

const mine = branch('mine');
const mineNotify = branch('mine-notify', { mainPolicy: 'notify' });
const sharedByBob = branch('bobs', { createdBy: 'bob' });
const sharedWithBob = branch('ours', { collaborators: ['bob'] });
const merged = branch('merged', { createdBy: 'bob', state: 'merged' });
const held = [mine, mineNotify, sharedByBob, sharedWithBob, merged];

describe('which branches news of ops pulls besides the leader’s own round', () => {
  // [case, leader shows, other tabs show, pulled besides]
  const table: [string, string, string[], string[]][] = [
    ['only shared branches, when no other tab is open', MAIN_BRANCH, [], ['bobs', 'ours']],
    ['another tab’s private branch, and shared ones', MAIN_BRANCH, ['mine'], ['mine', 'bobs', 'ours']],
    [
      'main for a tab on a branch that follows main',
      'mine',
      ['mine-notify'],
      ['mine-notify', 'main', 'bobs', 'ours'],
    ],
    ['not main when the leader’s own round pulls it', 'mine-notify', [MAIN_BRANCH], ['bobs', 'ours']],
    ['main when another tab shows it', 'mine', [MAIN_BRANCH], ['main', 'bobs', 'ours']],
    ['not the leader’s own branch again', 'bobs', ['bobs', 'mine'], ['mine', 'ours']],
    ['each branch once, however many tabs show it', MAIN_BRANCH, ['mine', 'mine'], ['mine', 'bobs', 'ours']],
    ['no closed or unknown branch', MAIN_BRANCH, ['merged', 'gone'], ['bobs', 'ours']],
  ];
  it.each(table)('%s', (_case, current, shownElsewhere, pulled) => {
    expect(followedBranchesToPull({ current, shownElsewhere, held, user: 'alice' })).toEqual(pulled);
  });

  it('a profile that holds no shared branch and has one tab pulls nothing more', () => {
    expect(
      followedBranchesToPull({ current: 'mine', shownElsewhere: [], held: [mine], user: 'alice' }),
    ).toEqual([]);
  });
});
