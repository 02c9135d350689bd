import { offerNextVersion } from '../../src-shared/releases/index.js';
import type { ReleaseStatus, VersionTakenBody } from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { numOrNull } from '../db/db.js';
import { ApiError } from '../errors.js';
import { usedVersions } from './releases-read.js';

interface Taken {
  version: string;
  status: ReleaseStatus;
  promotedBy: string | null;
  promotedAt: number | null;
  offeredVersion: string;
}

/** A 409 that says who holds the version (and since when, once promoted) and offers the next free one. */
export class VersionTakenError extends ApiError {
  constructor(readonly taken: Taken) {
    super(
      'conflict',
      taken.status === 'promoted'
        ? `Version ${taken.version} was already promoted by ${taken.promotedBy} at ${new Date(taken.promotedAt ?? 0).toISOString()}; ${taken.offeredVersion} is free`
        : `Version ${taken.version} is already used by another release; ${taken.offeredVersion} is free`,
      { field: 'version' },
    );
  }

  override toBody(): VersionTakenBody {
    return { ...super.toBody(), taken: this.taken };
  }
}

/** Throws VersionTakenError when `version` is used in `scope` (by any release, draft, promoted or yanked). */
export async function versionTaken(tx: Queryable, scope: string, version: string): Promise<void> {
  const [row] = await tx.query<{ status: ReleaseStatus; promoted_by: string | null; promoted_at: unknown }>(
    'SELECT status, promoted_by, promoted_at FROM releases WHERE scope = $1 AND version = $2',
    [scope, version],
  );
  if (row) throw await takenError(tx, scope, version, row);
}

export async function takenError(
  tx: Queryable,
  scope: string,
  version: string,
  row: { status: ReleaseStatus; promoted_by: string | null; promoted_at: unknown },
): Promise<VersionTakenError> {
  return new VersionTakenError({
    version,
    status: row.status,
    promotedBy: row.promoted_by,
    promotedAt: numOrNull(row.promoted_at),
    offeredVersion: offerNextVersion(version, await usedVersions(tx, scope)),
  });
}
