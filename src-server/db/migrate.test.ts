import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db.js';
import { loadMigrations, migrate } from './migrate.js';
import { openPostgres } from './postgres.js';
import type { Scratch } from '../testing/harness.js';
import { BACKENDS, createTestDatabase, openBlankStore } from '../testing/harness.js';

const tables = async (db: Db) =>
  (
    await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    )
  ).map((row) => row.table_name);

describe.each(BACKENDS)('migrations on %s', (backend) => {
  let scratch: Scratch;
  let db: Db;
  beforeAll(async () => {
    ({ db, scratch } = await openBlankStore(backend));
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.remove();
  });

  it('apply on a fresh store, then do nothing on restart', async () => {
    expect(await tables(db)).toEqual([]);
    expect(await migrate(db)).toEqual(loadMigrations().map((m) => m.version));
    expect(await tables(db)).toEqual(
      [
        'approval_comments',
        'approval_items',
        'approval_requests',
        'branches',
        'namespaces',
        'op_heads',
        'ops',
        'release_changes',
        'release_heads',
        'release_proofs',
        'release_requests',
        'releases',
        'schema_migrations',
        'tokens',
        'users',
      ].sort(),
    );
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded).toEqual(loadMigrations().map(({ version, name }) => ({ version, name })));
  });

  it('refuse a migration that changed after it was applied, and a store newer than the code', async () => {
    const migrations = loadMigrations();
    await migrate(db, migrations);
    const edited = migrations.map((m) => ({ ...m, checksum: `${m.checksum}x` }));
    await expect(migrate(db, edited)).rejects.toThrow(/001_init.sql was changed after it was applied/);
    await db.query(
      `INSERT INTO schema_migrations (version, name, checksum) VALUES (99, '099_future.sql', 'x')`,
    );
    await expect(migrate(db, migrations)).rejects.toThrow(/store is at migration 99 .* knows only \d+/);
  });
});

describe('migrations on one PostgreSQL from several processes at once', () => {
  it('apply exactly once', async () => {
    const scratch = await createTestDatabase();
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgres(scratch.location, () => undefined)));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      // Each migration is its own transaction, so different processes may apply different ones.
      expect(applied.flat().sort((a, b) => a - b)).toEqual(loadMigrations().map((m) => m.version));
      expect(await tables(dbs[0] as Db)).toContain('ops');
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await scratch.remove();
    }
  });
});
