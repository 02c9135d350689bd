import { ValidationError } from '../errors.js';
import type { Branch } from '../model/index.js';
import { UserNameSchema, type UpdateCollaboratorsRequest } from '../sync-protocol/index.js';

/** Who a person is on a branch: its owner (creator), someone it is shared with, or neither. */
export type BranchRole = 'owner' | 'collaborator' | 'other';

type People = Pick<Branch, 'name' | 'createdBy' | 'collaborators'>;

export function roleOn(branch: People, me: string): BranchRole {
  if (branch.createdBy === me) return 'owner';
  return (branch.collaborators ?? []).includes(me) ? 'collaborator' : 'other';
}

/**
 * The owner's "add" of one person, checked before it leaves: a user name as
 * the server spells them, not the owner, not already listed. Whether such a
 * user exists is the server's to say (it answers "Unknown user 'x'").
 */
export function addCollaboratorRequest(branch: People, typed: string): UpdateCollaboratorsRequest {
  const parsed = UserNameSchema.safeParse(typed.trim());
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'Not a user name', 'add');
  const name = parsed.data;
  if (name === branch.createdBy) {
    throw new ValidationError(`${name} owns “${branch.name}” already`, 'add');
  }
  if ((branch.collaborators ?? []).includes(name)) {
    throw new ValidationError(`“${branch.name}” is already shared with ${name}`, 'add');
  }
  return { add: [name] };
}

/** The owner's "remove" of one person it is shared with. */
export function removeCollaboratorRequest(branch: People, name: string): UpdateCollaboratorsRequest {
  if (!(branch.collaborators ?? []).includes(name)) {
    throw new ValidationError(`“${branch.name}” is not shared with ${name}`, 'remove');
  }
  return { remove: [name] };
}

/**
 * What a pulled record changed for `me`: the branch is now shared with them
 * ('shared'), or no longer ('unshared'). Only for a branch this computer knew
 * before — a first pull of many branches is not news about each.
 */
export function accessChange(before: People | null, after: People, me: string): 'shared' | 'unshared' | null {
  if (before === null || after.createdBy === me) return null;
  const was = roleOn(before, me) === 'collaborator';
  const is = roleOn(after, me) === 'collaborator';
  if (was === is) return null;
  return is ? 'shared' : 'unshared';
}
