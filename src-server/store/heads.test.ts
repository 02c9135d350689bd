import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import type { Queryable } from '../db/db.js';
import { branchRecord, followOp, makeOp } from '../testing/client.js';
import { pushBranches } from './branches.js';
import type { TestServer } from '../testing/harness.js';
import { BACKENDS, startTestServer } from '../testing/harness.js';
import type { Viewer } from './ops-pull.js';
import { listHeads, visible } from './ops-pull.js';
import { childrenOf } from './children.js';
import { pushOps } from './ops-push.js';

/** The definition of a viewer's heads, straight from ops.parents (what op_heads must reproduce). */
async function headsByDefinition(db: Queryable, viewer: Viewer, branch: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT o.id FROM ops o WHERE o.branch_id = $1 AND ${visible('o', '$2', '$3')}
       AND NOT EXISTS (SELECT 1 FROM ${childrenOf('o.id')} c
         WHERE c.branch_id = o.branch_id AND ${visible('c', '$2', '$3')})`,
    [branch, viewer.name, viewer.owned],
  );
  return rows.map((row) => row.id).sort();
}

/** Every page of listHeads, one head per page so the cursor is exercised. */
async function listedHeads(db: Queryable, viewer: Viewer, branch: string): Promise<string[]> {
  const found: string[] = [];
  let cursor: { itemId: string; opId: string } | null = null;
  for (;;) {
    const page = await listHeads(db, viewer, branch, cursor, 1);
    found.push(...page.ops.map((op) => op.id));
    if (!page.nextCursor) return found.sort();
    const [itemId = '', opId = ''] = page.nextCursor.split(':');
    cursor = { itemId, opId };
  }
}

describe.each(BACKENDS)('item heads kept by push on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, { logLevel: 'warn' });
    for (const user of ['alice', 'bob', 'dave']) await server.admin.createUser(user);
    await server.admin.setOwners('Acme', ['alice']);
  });
  afterAll(() => server?.destroy());

  it('match the definition for every viewer: late parents, branches, hidden pending ops', async () => {
    const db = server.db;
    // A child listed before its parent in a push: the parent must not become a head.
    // (Across pushes a parent must now be stored first: an unknown parent is refused.)
    const first = makeOp('alice', { path: 'Acme.late' });
    const second = followOp(first);
    await pushOps(db, 'alice', [second, first]);
    // A branch op on top of a main op: main keeps its head, the branch gets its own.
    const mainOp = makeOp('alice', { path: 'Acme.forked' });
    await pushOps(db, 'alice', [mainOp]);
    await pushBranches(db, 'alice', [branchRecord('alice', { id: 'branch_feature1' })]);
    await pushOps(db, 'alice', [followOp(mainOp, { branchId: 'branch_feature1' })]);
    // A pending edit by bob (he owns nothing), then an approved edit by alice on top of it:
    // dave sees neither bob's op nor, therefore, that the first op has a visible child.
    const base = makeOp('alice', { path: 'Acme.pending' });
    const pending = followOp(base, { author: 'bob' });
    const onTop = followOp(pending, { author: 'alice' });
    await pushOps(db, 'alice', [base]);
    expect((await pushOps(db, 'bob', [pending]))[0]?.status).toBe('pending');
    await pushOps(db, 'alice', [onTop]);
    // A conflict (two heads) and a long chain in one push.
    const root = makeOp('alice', { path: 'Acme.conflict' });
    const chain: OpBody[] = [root, followOp(root), followOp(root)];
    for (let i = 0; i < 5; i++) chain.push(followOp(chain.at(-1) as OpBody));
    await pushOps(db, 'alice', chain);
    // Pushed again: idempotent, changes nothing.
    await pushOps(db, 'alice', chain);

    const viewers: Viewer[] = [
      { name: 'alice', owned: ['Acme'] },
      { name: 'bob', owned: [] },
      { name: 'dave', owned: [] },
    ];
    for (const viewer of viewers) {
      for (const branch of ['main', 'branch_feature1']) {
        expect(await listedHeads(db, viewer, branch)).toEqual(await headsByDefinition(db, viewer, branch));
      }
    }
    const forDave = await listedHeads(db, { name: 'dave', owned: [] }, 'main');
    expect(forDave).toContain(base.id);
    expect(forDave).toContain(onTop.id);
    expect(forDave).toContain(second.id);
    expect(forDave).not.toContain(first.id);
    expect(forDave).toContain(mainOp.id);

    // op_heads holds exactly the structural heads: ops with no child on their branch, whatever the statuses.
    const kept = await db.query<{ op_id: string }>('SELECT op_id FROM op_heads ORDER BY op_id');
    const structural = await db.query<{ op_id: string }>(
      `SELECT o.id AS op_id FROM ops o
       WHERE NOT EXISTS (SELECT 1 FROM ${childrenOf('o.id')} c WHERE c.branch_id = o.branch_id)
       ORDER BY o.id`,
    );
    expect(kept).toEqual(structural);
    expect(kept.length).toBeGreaterThan(0);
  });
});
