import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../clock/hlc.js';
import type { Branch } from '../model/index.js';
import { testOp } from '../ops/testing.js';
import { MAIN_VIEW, isVisibleInView, mayBeVisibleInView, sameView, viewOf } from './branch-view.js';

const branch: Branch = {
  id: 'branch-feature-x',
  name: 'feature-x',
  state: 'open',
  mainPolicy: 'isolated',
  baseSeq: 10,
  baseHlc: encodeHlc({ wall: 5000, counter: 0, node: 'creator-1' }),
  baseInstanceId: 'creator-1',
  createdBy: 'ada',
  createdAt: 1,
  updatedAt: 1,
};
const branchView = viewOf(branch);

describe('viewOf', () => {
  it('gives main for no branch and the base fields for a branch', () => {
    expect(viewOf(null)).toEqual({ branchId: 'main' });
    expect(viewOf(null)).toBe(MAIN_VIEW);
    expect(branchView).toEqual({
      branchId: 'branch-feature-x',
      baseSeq: 10,
      baseHlc: branch.baseHlc,
      baseInstanceId: 'creator-1',
    });
  });
});

describe('sameView', () => {
  it('is the same branch on the same base; a moved base or another branch is another view', () => {
    expect(sameView(MAIN_VIEW, viewOf(null))).toBe(true);
    expect(sameView(branchView, viewOf({ ...branch, name: 'renamed' }))).toBe(true);
    expect(sameView(branchView, MAIN_VIEW)).toBe(false);
    expect(sameView(MAIN_VIEW, branchView)).toBe(false);
    expect(sameView(branchView, viewOf({ ...branch, baseSeq: 11 }))).toBe(false);
    expect(sameView(branchView, viewOf({ ...branch, baseInstanceId: 'creator-2' }))).toBe(false);
    expect(sameView(branchView, viewOf({ ...branch, id: 'branch-other' }))).toBe(false);
  });
});

describe('isVisibleInView on main', () => {
  it('sees every main op, acknowledged or not', () => {
    expect(isVisibleInView(testOp({ id: 'op-main-01', serverSeq: 3 }), MAIN_VIEW)).toBe(true);
    expect(isVisibleInView(testOp({ id: 'op-main-02' }), MAIN_VIEW)).toBe(true);
    expect(isVisibleInView(testOp({ id: 'op-main-03', status: 'pending', serverSeq: 99 }), MAIN_VIEW)).toBe(
      true,
    );
  });

  it('never sees branch ops or rejected ops', () => {
    expect(isVisibleInView(testOp({ id: 'op-branch1', branchId: branch.id }), MAIN_VIEW)).toBe(false);
    expect(isVisibleInView(testOp({ id: 'op-reject1', status: 'rejected', serverSeq: 2 }), MAIN_VIEW)).toBe(
      false,
    );
  });
});

describe('isVisibleInView on a branch', () => {
  it("sees the branch's own ops, synced or not", () => {
    expect(isVisibleInView(testOp({ id: 'op-own-001', branchId: branch.id }), branchView)).toBe(true);
    expect(
      isVisibleInView(testOp({ id: 'op-own-002', branchId: branch.id, serverSeq: 50 }), branchView),
    ).toBe(true);
  });

  it('sees main up to its base sequence and not beyond', () => {
    expect(isVisibleInView(testOp({ id: 'op-main-09', serverSeq: 9 }), branchView)).toBe(true);
    expect(isVisibleInView(testOp({ id: 'op-main-10', serverSeq: 10 }), branchView)).toBe(true);
    expect(isVisibleInView(testOp({ id: 'op-main-11', serverSeq: 11 }), branchView)).toBe(false);
  });

  it("sees the creator's unsynced main ops up to the base stamp (a branch made offline)", () => {
    const early = testOp({ id: 'op-offline1', instanceId: 'creator-1', at: 4000 });
    const atBase = testOp({ id: 'op-offline2', instanceId: 'creator-1', at: 5000 });
    const later = testOp({ id: 'op-offline3', instanceId: 'creator-1', at: 5000, counter: 1 });
    expect(isVisibleInView(early, branchView)).toBe(true);
    expect(isVisibleInView(atBase, branchView)).toBe(true);
    expect(isVisibleInView(later, branchView)).toBe(false);
  });

  it("still sees the creator's ops once the server has ordered them after the base", () => {
    const synced = testOp({ id: 'op-offline4', instanceId: 'creator-1', at: 4000, serverSeq: 12 });
    expect(isVisibleInView(synced, branchView)).toBe(true);
  });

  it("does not see other machines' unsynced main ops, other branches, or rejected ops", () => {
    expect(isVisibleInView(testOp({ id: 'op-other-01', instanceId: 'other-22', at: 1 }), branchView)).toBe(
      false,
    );
    expect(isVisibleInView(testOp({ id: 'op-other-02', branchId: 'branch-other' }), branchView)).toBe(false);
    expect(
      isVisibleInView(testOp({ id: 'op-other-03', branchId: 'branch-other', serverSeq: 1 }), branchView),
    ).toBe(false);
    expect(
      isVisibleInView(testOp({ id: 'op-reject2', branchId: branch.id, status: 'rejected' }), branchView),
    ).toBe(false);
    expect(isVisibleInView(testOp({ id: 'op-reject3', status: 'rejected', serverSeq: 1 }), branchView)).toBe(
      false,
    );
  });

  it('tells which ops could ever be visible', () => {
    expect(mayBeVisibleInView(testOp({ id: 'op-may-001', branchId: 'branch-other' }), branchView)).toBe(
      false,
    );
    expect(mayBeVisibleInView(testOp({ id: 'op-may-002', serverSeq: 100 }), branchView)).toBe(true);
    expect(mayBeVisibleInView(testOp({ id: 'op-may-003', branchId: branch.id }), MAIN_VIEW)).toBe(false);
  });
});
