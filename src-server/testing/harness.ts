import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../db/db.js';
import { loadMigrations } from '../db/migrate.js';
import { openStore } from '../db/open.js';
import { openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';
import type { RunningServer, StartServerOptions } from '../server.js';
import { startServer } from '../server.js';

/**
 * Test support: throwaway PostgreSQL databases and PGlite folders, a server
 * on either, and a reset between tests. Not imported by the server itself.
 */

export type BackendName = 'postgres' | 'pglite';
export const BACKENDS: BackendName[] = ['postgres', 'pglite'];

export const PG_ADMIN_URL = process.env.TETHER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Scratch {
  /** For postgres: the database URL; for pglite: the data folder. */
  location: string;
  remove(): Promise<void>;
}

/** CREATE DATABASE tether_test_<random>; removal drops it (closing whatever still uses it). */
export async function createTestDatabase(): Promise<Scratch> {
  const name = `tether_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
    // Throwaway data: skip waiting for the disk on commit (visibility and ordering are unchanged).
    await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    remove: async () => {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty folder under the OS temp dir. */
export function scratchDir(prefix = 'tether-test-'): Scratch {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { location: dir, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A PGlite folder, either blank (an empty database) or with the schema
 * applied. Creating a PGlite database takes seconds, so each kind is made
 * once per machine as a template (atomically; any test process may win the
 * race) and copied for every use.
 */
export async function pgliteDir(kind: 'blank' | 'migrated'): Promise<Scratch> {
  const template = await pgliteTemplate(kind);
  const scratch = scratchDir('tether-pglite-');
  fs.cpSync(template, scratch.location, { recursive: true });
  return scratch;
}

async function pgliteTemplate(kind: 'blank' | 'migrated'): Promise<string> {
  const schema =
    kind === 'blank'
      ? 'none'
      : loadMigrations()
          .map((m) => m.checksum)
          .join(',');
  const version = createHash('sha256').update(`${kind}:${schema}`).digest('hex').slice(0, 12);
  const template = path.join(os.tmpdir(), `tether-pglite-${kind}-${version}`);
  if (fs.existsSync(path.join(template, 'pgdata', 'PG_VERSION'))) return template;
  const building = fs.mkdtempSync(`${template}-building-`);
  if (kind === 'migrated') fs.cpSync(await pgliteTemplate('blank'), building, { recursive: true });
  const db =
    kind === 'blank' ? await openPglite(building, () => undefined) : await openStore({ dataDir: building });
  await db.close();
  try {
    fs.renameSync(building, template);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another test process made it first
  }
  return template;
}

export async function scratchFor(backend: BackendName): Promise<Scratch> {
  return backend === 'postgres' ? createTestDatabase() : pgliteDir('migrated');
}

/** An empty store on `backend` (no schema, no schema_migrations), opened: for migration tests. */
export async function openBlankStore(backend: BackendName): Promise<{ db: Db; scratch: Scratch }> {
  const scratch = backend === 'postgres' ? await createTestDatabase() : await pgliteDir('blank');
  const db =
    backend === 'postgres'
      ? await openPostgres(scratch.location, () => undefined)
      : await openPglite(scratch.location, () => undefined);
  return { db, scratch };
}

export interface TestServer extends RunningServer {
  backend: BackendName;
  /** The database URL (postgres) or data folder (pglite). */
  location: string;
  /** Every JSON log line the server wrote. */
  logs: string[];
  /** Empties every table (sequences keep counting, which tests must not rely on). */
  reset(): Promise<void>;
  /** Closes the server and removes its database or folder. */
  destroy(): Promise<void>;
}

export async function startTestServer(
  backend: BackendName,
  options: Partial<StartServerOptions> = {},
): Promise<TestServer> {
  const scratch = await scratchFor(backend);
  const logs: string[] = [];
  const server = await startServer({
    port: 0,
    logLevel: 'info',
    logStream: { write: (line) => void logs.push(line) },
    ...(backend === 'postgres' ? { databaseUrl: scratch.location } : { dataDir: scratch.location }),
    ...options,
  });
  return {
    ...server,
    backend,
    location: scratch.location,
    logs,
    reset: () => resetStore(server.db),
    destroy: async () => {
      await server.close();
      await scratch.remove();
    },
  };
}

export async function resetStore(db: Db): Promise<void> {
  // DELETE, not TRUNCATE: on tables this small it is many times faster.
  await db.transaction(async (tx) => {
    // Promoted releases refuse DELETE by trigger (migration 009); a test reset is the one exception.
    await tx.query('SET LOCAL session_replication_role = replica');
    for (const table of [
      'release_requests',
      'release_heads',
      'release_proofs',
      'release_changes',
      'releases',
      'approval_comments',
      'approval_items',
      'approval_requests',
      'op_heads',
      'ops',
      'branches',
      'namespaces',
      'tokens',
      'users',
    ]) {
      await tx.query(`DELETE FROM ${table}`);
    }
  });
}

/** A server that several groups of cases share, reset before each case. */
export interface SharedServer {
  readonly server: TestServer;
}
