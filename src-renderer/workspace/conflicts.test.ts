import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src-shared/errors.js';
import type { ItemState } from '../../src-shared/model/index.js';
import { deleteItemOp, updateItemOp } from '../../src-shared/ops/index.js';
import { conflictsLeft, isReopened, openSession } from '../../src-shared/conflicts/index.js';
import { AUDIT_KEY, HeadsChangedError, POLICY_KEY, type AuditEntry } from './conflicts.js';
import { Peer, waitFor } from './peer-testing.js';
import { openFixture, type Fixture } from './testing.js';

const fixtures: { close(): Promise<void> }[] = [];
async function fixture(opts: Parameters<typeof openFixture>[0] = {}): Promise<Fixture> {
  const f = await openFixture(opts);
  fixtures.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.close()));
});

/** An item both this machine and the peer edited from the same version. */
async function conflicted(f: Fixture, peer: Peer, path = 'Acme.charge'): Promise<ItemState> {
  const created = await f.ws.createItem({ path, kind: 'fn', content: 'a\nb\nc\n' });
  const seen = f.ws.item(created.itemId) as ItemState;
  await f.ws.updateContent(created.itemId, 'a\nmine\nc\n');
  await peer.edit(f, seen, 'a\ntheirs\nc\n');
  const item = f.ws.item(created.itemId) as ItemState;
  expect(item.conflict?.kind).toBe('edit/edit');
  return item;
}

/** The audit once it holds `n` entries (the policy runs behind the pull). */
async function waitForAudit(f: Fixture, n: number): Promise<AuditEntry[]> {
  let audit: AuditEntry[] = [];
  const until = Date.now() + 2000;
  while ((audit = await f.ws.conflicts.audit()).length < n && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return audit;
}

describe('Workspace conflicts', () => {
  it('resolves a conflict with a merge op over all heads, durable first', async () => {
    const f = await fixture();
    const item = await conflicted(f, new Peer());
    expect(f.ws.getSnapshot().conflicts).toHaveLength(1);
    const result = { path: item.path, kind: item.kind, content: 'a\nboth\nc\n', deleted: false };
    const op = await f.ws.resolveConflict(item.itemId, result, item.heads);
    expect(op.type).toBe('merge');
    expect([...op.parents].sort()).toEqual([...item.heads].sort());
    const after = f.ws.item(item.itemId) as ItemState;
    expect(after.heads).toEqual([op.id]);
    expect(after.conflict).toBeNull();
    expect(after.content).toBe('a\nboth\nc\n');
    expect((await f.db.ops.all()).some((o) => o.id === op.id)).toBe(true);
    expect(f.ws.getSnapshot().conflicts).toHaveLength(0);
  });

  it('refuses to save over heads that moved, and keeps the earlier result for the reopened resolver', async () => {
    const f = await fixture();
    const peer = new Peer();
    const item = await conflicted(f, peer);
    const theirs = item.conflict?.sides.find((op) => op.instanceId === peer.instanceId);
    await peer.edit(
      f,
      { ...item, heads: [theirs!.id], content: theirs!.content, conflict: null },
      'a\ntheirs 2\nc\n',
    );
    const result = { path: item.path, kind: item.kind, content: 'a\nmine\nc\n', deleted: false };
    const error = await f.ws.resolveConflict(item.itemId, result, item.heads).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeadsChangedError);
    expect((error as HeadsChangedError).earlier).toEqual(result);
    expect((error as HeadsChangedError).item.heads).toHaveLength(2);
    expect(f.ws.item(item.itemId)?.conflict).not.toBeNull();
  });

  it('a conflict reopened by a later sync starts from the earlier result (the merge op is the local side)', async () => {
    const f = await fixture();
    const peer = new Peer();
    const item = await conflicted(f, peer);
    const theirs = item.conflict!.sides.find((op) => op.instanceId === peer.instanceId)!;
    const merge = await f.ws.resolveConflict(item.itemId, { ...item, content: 'a\nboth\nc\n' }, item.heads);
    // Bob had not seen the merge: he edits on top of his own side again.
    await peer.edit(
      f,
      { ...item, heads: [theirs.id], content: theirs.content, conflict: null },
      'a\ntheirs 2\nc\n',
    );
    const again = f.ws.item(item.itemId) as ItemState;
    expect(again.heads).toContain(merge.id);
    const session = openSession({
      itemId: again.itemId,
      conflict: again.conflict!,
      heads: again.heads,
      instanceId: 'laptop-0001',
    });
    expect(session.sides.local.op.id).toBe(merge.id);
    expect(session.sides.local.snapshot.content).toBe('a\nboth\nc\n');
    expect(session.sides.local.label).toBe('Your earlier result (this machine)');
    expect(isReopened(session.sides)).toBe(true);
    // Bob's new edit and the earlier result both changed line 2: the resolver asks again.
    expect(session.text && conflictsLeft(session.text)).toBe(1);
  });

  it('refuses a result with conflict markers and writes nothing', async () => {
    const f = await fixture();
    const item = await conflicted(f, new Peer());
    const before = (await f.db.ops.all()).length;
    const bad = {
      path: item.path,
      kind: item.kind,
      content: '<<<<<<< local\nx\n=======\ny\n>>>>>>> remote\n',
      deleted: false,
    };
    await expect(f.ws.resolveConflict(item.itemId, bad, item.heads)).rejects.toBeInstanceOf(ValidationError);
    expect((await f.db.ops.all()).length).toBe(before);
  });

  it('accepts a deletion: edit/delete resolved by a delete op over both heads', async () => {
    const f = await fixture();
    const peer = new Peer();
    const created = await f.ws.createItem({ path: 'Acme.gone', kind: 'fn', content: 'x\n' });
    const seen = f.ws.item(created.itemId) as ItemState;
    await f.ws.updateContent(created.itemId, 'x edited\n');
    await peer.pull(f, [deleteItemOp(peer.context(), seen)]);
    const item = f.ws.item(created.itemId) as ItemState;
    expect(item.conflict?.kind).toBe('edit/delete');
    const op = await f.ws.resolveConflict(item.itemId, { ...item, deleted: true }, item.heads);
    expect(op.type).toBe('delete');
    expect(f.ws.item(item.itemId)).toMatchObject({ deleted: true, conflict: null });
  });

  it('applies a namespace policy when a conflict arrives, with an audit entry, and can reopen it', async () => {
    const f = await fixture();
    await f.ws.conflicts.setPolicy('Acme', 'prefer-remote');
    expect(await f.db.meta.get(POLICY_KEY)).toEqual({ Acme: 'prefer-remote' });
    const peer = new Peer();
    const created = await f.ws.createItem({ path: 'Acme.charge', kind: 'fn', content: 'a\nb\nc\n' });
    const seen = f.ws.item(created.itemId) as ItemState;
    await f.ws.updateContent(created.itemId, 'a\nmine\nc\n');
    const theirs = await peer.edit(f, seen, 'a\ntheirs\nc\n');
    await waitFor(() => f.ws.item(created.itemId)?.conflict === null);
    expect(f.ws.item(created.itemId)?.content).toBe('a\ntheirs\nc\n');
    const audit = await f.ws.conflicts.audit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      path: 'Acme.charge',
      policy: 'prefer-remote',
      winner: 'remote',
      winnerOpId: theirs.id,
    });
    expect(await f.db.meta.get<AuditEntry[]>(AUDIT_KEY)).toHaveLength(1);
    // Reopen: the policy's result against the dropped side; saving writes a new merge op.
    const session = f.ws.conflicts.reopenSession(audit[0]!);
    expect(session.sides.remote.snapshot.content).toBe('a\nmine\nc\n');
    const item = f.ws.item(created.itemId) as ItemState;
    const op = await f.ws.resolveConflict(item.itemId, { ...item, content: 'a\nmine\nc\n' }, session.heads);
    expect(op.parents).toEqual([audit[0]!.opId]);
    expect(f.ws.item(created.itemId)?.content).toBe('a\nmine\nc\n');
  });

  it('applies a policy to a conflict that arrives on a branch other than the one on screen', async () => {
    const f = await fixture();
    await f.ws.conflicts.setPolicy('Acme', 'prefer-remote');
    const peer = new Peer();
    const created = await f.ws.createItem({ path: 'Acme.charge', kind: 'fn', content: 'a\nb\nc\n' });
    const seen = f.ws.item(created.itemId) as ItemState;
    const branch = await f.ws.createBranch('feature-x');
    await f.ws.updateContent(created.itemId, 'a\nmine\nc\n');
    await f.ws.switchBranch('main');
    // Bob's edit on the branch comes in by a pull while main is on screen.
    const theirs = updateItemOp(peer.context(branch.id), seen, 'a\ntheirs\nc\n');
    await f.db.ops.insert([theirs]);
    await waitFor(() => f.ws.conflicts.all().length === 0);
    const audit = await waitForAudit(f, 1);
    expect(audit[0]).toMatchObject({ branchId: branch.id, winner: 'remote', winnerOpId: theirs.id });
    expect(f.ws.item(created.itemId)?.content).toBe('a\nb\nc\n');
    await f.ws.switchBranch(branch.id);
    expect(f.ws.item(created.itemId)).toMatchObject({ content: 'a\ntheirs\nc\n', conflict: null });
    // Revisit: the reopened session holds the dropped side, on the branch it happened on.
    expect(f.ws.conflicts.reopenSession(audit[0]!).sides.remote.snapshot.content).toBe('a\nmine\nc\n');
  });

  it('leaves conflicts outside the policy namespace alone, and refuses an unknown policy', async () => {
    const f = await fixture();
    await f.ws.conflicts.setPolicy('Other', 'prefer-local');
    await expect(f.ws.conflicts.setPolicy('Acme', 'sometimes' as never)).rejects.toThrow(
      /Unknown conflict policy/,
    );
    const item = await conflicted(f, new Peer());
    expect(f.ws.item(item.itemId)?.conflict).not.toBeNull();
    expect(await f.ws.conflicts.audit()).toEqual([]);
  });

  it('previews and applies a batch: take local for many items in one write', async () => {
    const f = await fixture();
    const peer = new Peer();
    const a = await conflicted(f, peer, 'Acme.a');
    const b = await conflicted(f, peer, 'Acme.b');
    const rows = f.ws.conflicts.previewBatch([a.itemId, b.itemId], 'local');
    expect(rows.map((r) => [r.path, r.summary])).toEqual([
      ['Acme.a', 'keeps Yours (this machine): +1 −1 lines vs bob'],
      ['Acme.b', 'keeps Yours (this machine): +1 −1 lines vs bob'],
    ]);
    const { ops, skipped } = await f.ws.conflicts.applyBatch(rows);
    expect(ops).toHaveLength(2);
    expect(skipped).toEqual([]);
    expect(f.ws.getSnapshot().conflicts).toEqual([]);
    expect(f.ws.item(a.itemId)?.content).toBe('a\nmine\nc\n');
  });

  it('lists conflicts of other open branches too', async () => {
    const f = await fixture();
    const item = await conflicted(f, new Peer());
    await f.ws.createBranch('feature-x');
    const all = f.ws.conflicts.all();
    expect(all.map((e) => [e.branchId, e.item.itemId])).toContainEqual(['main', item.itemId]);
  });
});
