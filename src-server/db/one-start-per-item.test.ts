import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../testing/client.js';
import type { Scratch } from '../testing/harness.js';
import { BACKENDS, openBlankStore } from '../testing/harness.js';
import type { Db } from './db.js';
import { loadMigrations, migrate } from './migrate.js';

/** A parentless create as tether_push_ops takes it (migration 005). */
const start = (itemId: string) => ({
  id: newId('op'),
  item_id: itemId,
  branch_id: 'main',
  type: 'create',
  path: 'Acme.charge',
  kind: 'fn',
  content: '',
  parents: [],
  author: 'alice',
  instance_id: 'instance_1',
  hlc: '0000000000000:0000:instance_1',
  namespaces: ['Acme'],
  status: 'approved',
});

const store = (db: Db, records: unknown[]) =>
  db.query('SELECT * FROM tether_push_ops($1::jsonb, 1, $2)', [JSON.stringify(records), 'test_changes']);

/**
 * Migration 010 on a store that already holds an item started twice (from
 * before the rule): the migration applies, both ops stay, and from then on
 * the database refuses a second start of any item.
 */
describe.each(BACKENDS)('migration 010 (one start per item) on %s', (backend) => {
  let scratch: Scratch;
  let db: Db;
  beforeAll(async () => {
    ({ db, scratch } = await openBlankStore(backend));
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.remove();
  });

  it('keeps an older pair and refuses every new one', async () => {
    const all = loadMigrations();
    await migrate(
      db,
      all.filter((m) => m.version < 10),
    );
    const old = newId('item');
    await store(db, [start(old)]);
    await store(db, [start(old)]);
    expect(await migrate(db, all)).toEqual([10]);
    const kept = await db.query('SELECT id FROM ops WHERE item_id = $1', [old]);
    expect(kept).toHaveLength(2);

    const fresh = newId('item');
    await store(db, [start(fresh)]);
    await expect(store(db, [start(fresh)])).rejects.toMatchObject({
      code: '23505',
      constraint: 'one_start_per_item',
    });
    expect(await db.query('SELECT id FROM ops WHERE item_id = $1', [fresh])).toHaveLength(1);
  });
});
