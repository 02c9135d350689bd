import { describe, expect, it } from 'vitest';
import type { Branch } from '../../../src-shared/model/index.js';
import { branchRights, collaboratorsText } from './branch-rights.js';

const branch = (collaborators?: string[]): Branch => ({
  id: 'branch-0001',
  name: 'feature-x',
  state: 'open',
  mainPolicy: 'notify',
  baseSeq: 0,
  baseHlc: '001700000000000-000000-inst-00000001',
  baseInstanceId: 'inst-00000001',
  createdBy: 'alice',
  createdAt: 1,
  updatedAt: 1,
  ...(collaborators ? { collaborators } : {}),
});

describe('branch rights in the app', () => {
  it('lets the owner and collaborators change a branch, and says whose it is to anyone else', () => {
    expect(branchRights(branch(), 'alice')).toEqual({ mayChange: true, why: null });
    expect(branchRights(branch(['bob']), 'bob').mayChange).toBe(true);
    expect(branchRights(branch(['bob']), 'carol')).toEqual({
      mayChange: false,
      why: '“feature-x” belongs to alice: only alice and the people they add can change, merge or abandon it.',
    });
    expect(branchRights(branch(), 'bob').mayChange).toBe(false); // a record from before collaborators existed
  });

  it('names the collaborators', () => {
    expect(collaboratorsText(branch())).toBe('');
    expect(collaboratorsText(branch(['bob']))).toBe(' · bob may change it too');
    expect(collaboratorsText(branch(['bob', 'carol', 'dan']))).toBe(
      ' · bob, carol and dan may change it too',
    );
  });
});
