import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { UpdateCollaboratorsRequestSchema } from '../sync-protocol/index.js';
import { accessChange, addCollaboratorRequest, removeCollaboratorRequest, roleOn } from './branch-people.js';

const branch = (collaborators?: string[]) => ({ name: 'feature-x', createdBy: 'alice', collaborators });

describe('branch people', () => {
  it('names who someone is on a branch', () => {
    expect(roleOn(branch(['bob']), 'alice')).toBe('owner');
    expect(roleOn(branch(['bob']), 'bob')).toBe('collaborator');
    expect(roleOn(branch(['bob']), 'carol')).toBe('other');
    expect(roleOn(branch(), 'bob')).toBe('other'); // a record from before collaborators
  });

  it('builds an add the server accepts from a typed name, trimmed', () => {
    const request = addCollaboratorRequest(branch(), '  bob ');
    expect(request).toEqual({ add: ['bob'] });
    expect(UpdateCollaboratorsRequestSchema.safeParse(request).success).toBe(true);
  });

  it.each([
    ['', 'A user name is needed'],
    ['   ', 'A user name is needed'],
    ['bob smith', 'A user name holds letters, digits, ., _, @ or -'],
    ['x'.repeat(129), 'A user name is at most 128 characters'],
    ['alice', 'alice owns “feature-x” already'],
    ['carol', '“feature-x” is already shared with carol'],
  ])('refuses adding %j before asking the server: %s', (typed, message) => {
    const attempt = () => addCollaboratorRequest(branch(['carol']), typed);
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(message);
  });

  it('removes only someone the branch is shared with', () => {
    expect(removeCollaboratorRequest(branch(['bob']), 'bob')).toEqual({ remove: ['bob'] });
    expect(() => removeCollaboratorRequest(branch(['bob']), 'carol')).toThrow(
      '“feature-x” is not shared with carol',
    );
  });

  it('says when a pulled record shares a known branch with me or stops sharing it', () => {
    expect(accessChange(branch([]), branch(['bob']), 'bob')).toBe('shared');
    expect(accessChange(branch(['bob']), branch([]), 'bob')).toBe('unshared');
    expect(accessChange(branch(['bob']), branch(['bob', 'carol']), 'bob')).toBeNull(); // still shared
    expect(accessChange(branch([]), branch(['carol']), 'bob')).toBeNull(); // not about me
    expect(accessChange(null, branch(['bob']), 'bob')).toBeNull(); // first sight: not news
    expect(accessChange(branch([]), branch(['bob']), 'alice')).toBeNull(); // the owner did it
  });
});
