import { syncKeys } from '../../src-shared/sync/keys.js';
import type { TetherDb } from '../db/index.js';

/** Ops the server refused, by id, with its message. */
export type FailedOps = Record<string, string>;

export async function failedOps(db: TetherDb): Promise<FailedOps> {
  return (await db.meta.get<FailedOps>(syncKeys.failedOps)) ?? {};
}
