import type { Branch } from '../model/index.js';
import type { ServerBranch } from '../sync-protocol/index.js';

export interface BranchArrival {
  /** What to store locally. */
  branch: Branch;
  /** Set when an open local branch was merged or abandoned on the server. */
  closedElsewhere: 'merged' | 'abandoned' | null;
}

/**
 * Folds a pulled branch record into the local one. State, merge fields and
 * collaborators are the server's to decide (merge / abandon are final there). The other
 * fields are the server's too, except on a branch still open locally whose
 * record this machine changed since it last pushed it — then ours wins and
 * is pushed on the next sync.
 */
export function receiveBranch(
  local: Branch | null,
  server: ServerBranch,
  localChangedSincePush: boolean,
): BranchArrival {
  const { changeSeq: _position, ...record } = server;
  if (local === null) return { branch: record, closedElsewhere: null };
  const closedElsewhere = local.state === 'open' && record.state !== 'open' ? record.state : null;
  const keepOurs = local.state === 'open' && record.state === 'open' && localChangedSincePush;
  const fields = keepOurs ? local : record;
  return {
    branch: {
      ...fields,
      state: record.state,
      collaborators: record.collaborators,
      mergedAt: record.mergedAt ?? null,
      mergedBy: record.mergedBy ?? null,
      updatedAt: Math.max(local.updatedAt, record.updatedAt),
    },
    closedElsewhere,
  };
}
