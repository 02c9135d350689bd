import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.js';
import { lockDataFolder } from './folder-lock.js';

interface PgliteQueryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
}

function queryable(target: PgliteQueryable): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<R>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly) in this
 * process, its files under `<dataDir>/pgdata`.
 *
 * Durability: PGlite runs PostgreSQL with fsync off. A commit is written to
 * the OS before it is acknowledged, so it survives a crash of this process;
 * it may NOT survive a power cut or an OS crash (recent commits can be lost,
 * and the folder may need restoring from a backup). PGlite is one process
 * only — the folder lock enforces that. For a team, run PostgreSQL
 * (DATABASE_URL), which is durable and lets several server processes share it.
 */
export async function openPglite(dataDir: string, onLockCompromised: (err: Error) => void): Promise<Db> {
  const absolute = path.resolve(dataDir);
  const releaseLock = await lockDataFolder(absolute, onLockCompromised);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(path.join(absolute, 'pgdata'));
  } catch (err) {
    await releaseLock();
    throw err;
  }
  const base = queryable(pglite);
  return {
    kind: 'pglite',
    description: `embedded PGlite at ${absolute}`,
    ...base,
    // PGlite has one connection; its transaction() queues other work until this one ends.
    transaction: (work) => pglite.transaction((tx) => work(queryable(tx))),
    async listen(channel, handlers) {
      const stop = await pglite.listen(channel, handlers.message);
      return () => stop();
    },
    async close() {
      try {
        await pglite.close();
      } finally {
        await releaseLock();
      }
    },
  };
}
