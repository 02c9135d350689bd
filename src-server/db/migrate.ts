import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.js';
import { num } from './db.js';

/** Advisory lock key that serialises migrations across server processes starting together. */
const MIGRATION_LOCK_KEY = 7_426_100;
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((name, index) => {
      const version = Number(/^(\d+)_/.exec(name)?.[1]);
      if (version !== index + 1)
        throw new Error(`Migration ${name} is out of sequence: expected ${index + 1}`);
      const sql = fs.readFileSync(`${dir}/${name}`, 'utf8');
      return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Brings the store up to the newest migration: each one in its own
 * transaction, recorded in schema_migrations with a checksum. Safe to run on
 * every start and from several processes at once (they queue on an advisory
 * lock and re-check what is applied). Returns the versions it applied.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const recorded = await appliedVersions(tx);
      checkKnown(recorded, migrations);
      const existing = recorded.get(migration.version);
      if (existing !== undefined) {
        if (existing !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

async function appliedVersions(tx: Queryable): Promise<Map<number, string>> {
  const rows = await tx.query<{ version: unknown; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations',
  );
  return new Map(rows.map((row) => [num(row.version), row.checksum]));
}

function checkKnown(recorded: Map<number, string>, migrations: Migration[]): void {
  const newest = Math.max(0, ...recorded.keys());
  if (newest > migrations.length) {
    throw new Error(
      `The store is at migration ${newest} but this server knows only ${migrations.length}; run a newer server`,
    );
  }
}
