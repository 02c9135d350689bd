import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export const DEFAULT_DATA_DIR = './.tether-server-data';

export interface StoreOptions {
  /** PostgreSQL when set; otherwise embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  onError?: (err: Error) => void;
  /** PGlite only: the data-folder lock was lost (another process may write the folder). */
  onLockCompromised?: (err: Error) => void;
}

/** Opens the store the options select and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Db> {
  const onError = options.onError ?? (() => undefined);
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, onError)
    : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR, options.onLockCompromised ?? onError);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
