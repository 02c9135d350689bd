import { describe, expect, it, vi } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';

/**
 * Issue 13: the server refuses malformed stamps now, but a store may hold
 * older ones. A client skips and reports such an op instead of letting its
 * clock throw and stop the intake of everything after it.
 */
describe.each(BACKENDS)('unreadable ops from the server on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);

  it('skips an op with a broken stamp, reports it, and takes in the rest', async () => {
    const alice = await world.client('alice');
    const good = await alice.ws.createItem({ path: 'Acme.good', kind: 'fn', content: 'fine' });
    const bad = await alice.ws.createItem({ path: 'Acme.bad', kind: 'fn', content: 'broken stamp' });
    const late = await alice.ws.createItem({ path: 'Acme.late', kind: 'fn', content: 'after it' });
    await alice.engine.syncNow();
    // As an older server would have stored it (one went in with "zzzz", another with "NaN").
    await world.server.running.db.query(`UPDATE ops SET hlc = 'zzzz' WHERE item_id = $1`, [bad.itemId]);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const bob = await world.client('bob');
      await bob.engine.syncNow();
      await eventually(
        () => bob.ws.item(late.itemId) !== undefined,
        'bob to take in the ops after the bad one',
      );
      expect(bob.ws.item(good.itemId)?.content).toBe('fine');
      expect(bob.ws.item(bad.itemId)).toBeUndefined();
      expect((await bob.db.ops.all()).some((op) => op.itemId === bad.itemId)).toBe(false);
      const notices = bob.engine.getState().notices.filter((n) => n.kind === 'unreadable-ops');
      expect(notices).toEqual([expect.objectContaining({ kind: 'unreadable-ops', count: 1 })]);
      expect(errors.mock.calls.some((call) => String(call[0]).includes('cannot read'))).toBe(true);
      // Bob's clock still works: he edits and syncs as usual.
      await bob.ws.updateContent(good.itemId, 'bob edits');
      await bob.engine.syncNow();
      expect(bob.engine.getState().error).toBeNull();
    } finally {
      errors.mockRestore();
    }
  });
});
