import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import type { Op } from '../model/index.js';
import type { ApprovalRequest } from '../sync-protocol/index.js';
import {
  awaitingApproval,
  checkDraft,
  commonNamespace,
  diffText,
  governingOwners,
  mergeServer,
  needsApproval,
  type LocalApproval,
} from './index.js';

const records = [
  { path: 'Team', owners: ['alice'], updatedAt: 1 },
  { path: 'Team.Billing', owners: ['carol'], updatedAt: 1 },
];

const op = (id: string, over: Partial<Op> = {}): Op => ({
  id,
  itemId: 'item_0001',
  branchId: 'main',
  type: 'update',
  path: 'Team.Billing.charge',
  kind: 'fn',
  content: '',
  parents: [],
  author: 'bob',
  instanceId: 'inst_0001',
  hlc: '1',
  ...over,
});

describe('ownership as last synced', () => {
  it('owners govern their namespace and everything below it', () => {
    expect(governingOwners('Team.Billing', records)).toEqual(['alice', 'carol']);
    expect(governingOwners('Team', records)).toEqual(['alice']);
    expect(governingOwners('Other', records)).toEqual([]);
  });
  it('an op needs approval where its author governs neither its namespace nor a rename source', () => {
    expect(needsApproval({ author: 'carol', path: 'Team.Billing.x' }, records)).toBe(false);
    expect(needsApproval({ author: 'carol', path: 'Team.x' }, records)).toBe(true);
    expect(needsApproval({ author: 'carol', path: 'Team.Billing.x' }, records, 'Team.y')).toBe(true);
    expect(needsApproval({ author: 'bob', path: 'Nobody.x' }, records)).toBe(true);
  });
  it('commonNamespace is segment-wise', () => {
    expect(commonNamespace(['Team.Billing.a', 'Team.Billing.b'])).toBe('Team.Billing');
    expect(commonNamespace(['Team.Bill.a', 'Team.Billing.b'])).toBe('Team');
    expect(commonNamespace(['A.x', 'B.y'])).toBe('');
  });
});

describe('awaiting approval', () => {
  it('lists the user’s unapproved ops outside their namespaces that no open request holds', () => {
    const ops = [
      op('op_unsent1'),
      op('op_pending', { status: 'pending', serverSeq: 3 }),
      op('op_approved', { status: 'approved', serverSeq: 4 }),
      op('op_rejected', { status: 'rejected', serverSeq: 5 }),
      op('op_others1', { author: 'dave' }),
      op('op_inreq01'),
    ];
    const held = { opIds: ['op_inreq01'], state: 'submitted' } as LocalApproval;
    expect(awaitingApproval(ops, records, [held], 'bob').map((o) => o.id)).toEqual([
      'op_unsent1',
      'op_pending',
    ]);
    // A rejected request lets its ops go (a revision may take them).
    const rejected = { ...held, state: 'rejected' } as LocalApproval;
    expect(awaitingApproval(ops, records, [rejected], 'bob').map((o) => o.id)).toContain('op_inreq01');
  });
});

describe('drafts', () => {
  it('refuses an empty title, no ops, duplicates; trims the title', () => {
    expect(() => checkDraft({ title: ' ', description: '', opIds: ['op_1234567'] })).toThrow(ValidationError);
    expect(() => checkDraft({ title: 'x', description: '', opIds: [] })).toThrow(/at least one change/);
    expect(() => checkDraft({ title: 'x', description: '', opIds: ['op_1234567', 'op_1234567'] })).toThrow(
      /twice/,
    );
    expect(checkDraft({ title: ' Fix ', description: 'd', opIds: ['op_1234567'] }).title).toBe('Fix');
  });
  it('an unsent revision keeps its text when the server record arrives; otherwise the server wins', () => {
    const server = {
      id: 'req_00001',
      title: 'Old',
      state: 'rejected',
      opIds: ['a'],
    } as unknown as ApprovalRequest;
    const local = {
      id: 'req_00001',
      title: 'New',
      state: 'pending_submission',
      opIds: ['b'],
    } as LocalApproval;
    expect(mergeServer(local, server, 5)).toMatchObject({
      title: 'New',
      state: 'pending_submission',
      server,
    });
    expect(mergeServer({ ...local, state: 'submitted' }, server, 5)).toMatchObject({
      title: 'Old',
      state: 'rejected',
    });
  });
});

describe('diffText', () => {
  it('marks removed and added lines between the approved and the requested version', () => {
    expect(diffText('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual([
      { type: 'same', text: 'a' },
      { type: 'removed', text: 'b' },
      { type: 'added', text: 'B' },
      { type: 'same', text: 'c' },
      { type: 'added', text: 'd' },
    ]);
    expect(diffText('', 'new')).toEqual([{ type: 'added', text: 'new' }]);
  });
});
