import { describe, expect, it } from 'vitest';
import type { Op } from '../model/index.js';
import { isUnapproved, takingUnapprovedNote } from './pending.js';

const op = (author: string, status: Op['status']): Op =>
  ({ id: `op_${author}`, author, status, type: 'update', content: '', parents: [] }) as unknown as Op;

describe('takingUnapprovedNote', () => {
  it('says nothing when every version is approved (or not judged yet)', () => {
    expect(takingUnapprovedNote([op('alice', 'approved'), op('bob', 'approved')], 'alice')).toBeNull();
    expect(isUnapproved(op('bob', undefined))).toBe(false);
  });

  it('tells an owner that taking a pending version approves it in the merge', () => {
    const note = takingUnapprovedNote([op('alice', 'approved'), op('bob', 'pending')], 'alice');
    expect(note).toMatch(/^Not approved yet: bob's version waits for approval/);
    expect(note).toMatch(/publishes it in your merge, approved by you/);
    expect(note).toMatch(/rejecting it later does not take it out of your merge/);
  });

  it('tells the author that their merge waits too', () => {
    expect(takingUnapprovedNote([op('bob', 'pending'), op('alice', 'approved')], 'bob')).toMatch(
      /Your merge will wait for approval too/,
    );
  });
});
