import { ValidationError } from '../errors.js';
import { BranchNameSchema, MAIN_BRANCH, type Branch } from '../model/index.js';

/**
 * A name for a new branch: valid, and not used by another open branch (names
 * of merged or abandoned branches may be reused; their records keep their ids).
 */
export function checkBranchName(name: string, branches: readonly Branch[]): string {
  const parsed = BranchNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new ValidationError(
      `"${name}" is not a valid branch name: ${parsed.error.issues[0]?.message}`,
      'name',
    );
  }
  if (parsed.data === MAIN_BRANCH)
    throw new ValidationError('"main" is the main line, not a branch name', 'name');
  if (branches.some((b) => b.state === 'open' && b.name === parsed.data)) {
    throw new ValidationError(`An open branch named "${parsed.data}" already exists`, 'name');
  }
  return parsed.data;
}

/** The branch a switch goes to: null for main, else an open branch; anything else is refused. */
export function checkSwitchTarget(branchId: string, branches: readonly Branch[]): Branch | null {
  if (branchId === MAIN_BRANCH) return null;
  const branch = findBranch(branchId, branches);
  if (branch.state !== 'open') {
    throw new ValidationError(
      `Branch "${branch.name}" is ${branch.state}; only open branches can be worked on`,
    );
  }
  return branch;
}

/** The branch to abandon: an open branch (main and finished branches cannot be abandoned). */
export function checkAbandonTarget(branchId: string, branches: readonly Branch[]): Branch {
  if (branchId === MAIN_BRANCH) throw new ValidationError('Main cannot be abandoned');
  const branch = findBranch(branchId, branches);
  if (branch.state !== 'open') {
    throw new ValidationError(`Branch "${branch.name}" is already ${branch.state}`);
  }
  return branch;
}

function findBranch(branchId: string, branches: readonly Branch[]): Branch {
  const branch = branches.find((b) => b.id === branchId);
  if (!branch) throw new ValidationError(`There is no branch "${branchId}"`);
  return branch;
}

const STATE_ORDER: Record<Branch['state'], number> = { open: 0, merged: 1, abandoned: 2 };

/** Open branches first, then merged, then abandoned; by name within each group. */
export function sortBranches(branches: readonly Branch[]): Branch[] {
  return [...branches].sort(
    (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}
