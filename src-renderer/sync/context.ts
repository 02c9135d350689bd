import type { ApprovalsApi } from '../../src-shared/sync/approvals-api.js';
import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';
import type { TetherDb } from '../db/index.js';
import type { Identity } from '../workspace/identity.js';
import type { SyncNotice, SyncProgress } from './types.js';

/** What the engine's steps share. `progress` reports long work as it goes (invariant 6). */
export interface SyncContext {
  db: TetherDb;
  remote: RemoteApi;
  identity: Identity;
  now: () => number;
  progress: (progress: SyncProgress) => void;
  /** Raises a banner for the person (e.g. the server says this computer's clock is ahead). */
  notice?: (notice: SyncNotice) => void;
  /** Approval requests and co-owners; absent where the engine runs without them (older tests). */
  approvals?: ApprovalsApi;
  /** Releases: release writes made offline wait in the outbox until the server answers. */
  releases?: ReleasesApi;
}
