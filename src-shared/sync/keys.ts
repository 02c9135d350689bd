/**
 * Where replication state lives in the local meta store. The local database
 * belongs to one instance, so "per instance" is implied by the database; the
 * instance id is still part of the last-sync key because the branch-sync
 * design tracks last sync per instance + branch and a copied profile must not
 * claim another machine's sync time.
 */
export const syncKeys = {
  opsCheckpoint: (branchId: string) => `sync.checkpoint.ops.${branchId}`,
  branchesCheckpoint: 'sync.checkpoint.branches',
  namespacesCheckpoint: 'sync.checkpoint.namespaces',
  /** How far the history fill behind a heads-first start has come (null: done). */
  historyCheckpoint: (branchId: string) => `sync.history.ops.${branchId}`,
  lastSyncedAt: (instanceId: string, branchId: string) => `sync.lastSyncedAt.${instanceId}.${branchId}`,
  /** The branch record as last accepted by the server, to push only changes. */
  branchSent: (branchId: string) => `sync.branchSent.${branchId}`,
  /** When anti-entropy last compared this branch with the server (ms; throttles the check). */
  antiEntropyCheckedAt: (branchId: string) => `sync.antiEntropy.checkedAt.${branchId}`,
  /** How many ranges anti-entropy has repaired on this computer (0 in a healthy life). */
  repairs: 'sync.antiEntropy.repairs',
  /** The sync state of the tab that leads sync, for the other tabs of the profile to show. */
  leaderState: 'sync.leaderState',
  /** Ops the server refused (bad_request / conflict): kept locally, not re-sent. */
  failedOps: 'sync.failedOps',
} as const;
