import { beforeEach, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import { releaseRoutes, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { Json, TestClient } from '../testing/client.js';
import { followOp, makeOp, newId, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';
import { openStream } from '../testing/sse.js';

const at = (route: string, id: string, proofId = '') => route.replace(':id', id).replace(':proofId', proofId);

/** Releases: drafts, proofs, the gate, promotion races, immutability; run by releases-api.test.ts. */
export function releaseCases(shared: SharedServer): void {
  let server: TestServer;
  let base: OpBody;
  let alice: TestClient; // owns Acme, creates releases
  let bob: TestClient; // collaborator on alice's releases
  let carol: TestClient; // sees Acme (its ops are approved), not a collaborator; owns Secret
  let dave: TestClient; // sees only approved ops: Acme, never Secret (whose only op waits for carol)

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
    carol = await userClient(server.admin, server.url, 'carol');
    dave = await userClient(server.admin, server.url, 'dave');
    await server.admin.setOwners('Acme', ['alice']);
    await server.admin.setOwners('Secret', ['carol']);
    base = makeOp('alice', { path: 'Acme.base' });
    await push(alice, [base]);
    await push(bob, [makeOp('bob', { path: 'Secret.plan' })]);
  });

  const push = async (client: TestClient, ops: OpBody[]) => {
    const res = await client.post(syncRoutes.pushOps, { ops });
    expect(res.status).toBe(200);
  };
  const draft = async (client: TestClient, overrides: Json = {}) => {
    const res = await client.post(releaseRoutes.releases, {
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '2.0.0',
      collaborators: ['bob'],
      changes: [
        { id: 'FEAT-101', type: 'item', ref: 'item_x', title: 'OAuth2 login', assignee: 'bob' },
        { id: 'BUG-50', type: 'approval_request', ref: 'apr_1', title: 'Session timeout', assignee: null },
      ],
      ...overrides,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.release as Json;
  };
  const prove = (
    client: TestClient,
    id: string,
    changeId: string,
    result = 'passed',
    requestId = newId('req'),
  ) =>
    client.post(at(releaseRoutes.releaseProofs, id), {
      requestId,
      id: newId('proof'),
      changeId,
      result,
      note: `checked ${changeId}`,
      link: null,
    });
  const promote = (
    client: TestClient,
    release: Json,
    requestId = newId('req'),
    seenRevision = release.revision,
  ) => client.post(at(releaseRoutes.releasePromote, release.id), { requestId, seenRevision });
  const provenDraft = async () => {
    const release = await draft(alice);
    await prove(bob, release.id, 'FEAT-101');
    const res = await prove(carol, release.id, 'BUG-50');
    expect(res.status).toBe(200);
    return res.body.release as Json;
  };

  it('promotes a proven draft, freezing the approved heads on main of its namespaces (not the request)', async () => {
    const first = makeOp('alice', { path: 'Acme.charge' });
    const second = followOp(first);
    const other = makeOp('alice', { path: 'Acme.Billing.refund' });
    const outside = makeOp('carol', { path: 'Secret.plan' });
    await push(alice, [first, second, other]);
    await push(carol, [outside]);
    await push(bob, [followOp(other, { author: 'bob' })]); // pending: not part of main's approved state

    const release = await provenDraft();
    expect(release.gate).toEqual({ ready: true, reasons: [] });
    expect(
      release.changes.map((c: Json) => c.proofs.map((p: Json) => `${p.author} rc.${p.rc} ${p.result}`)),
    ).toEqual([['bob rc.1 passed'], ['carol rc.1 passed']]);
    const res = await promote(bob, release);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.release).toMatchObject({
      status: 'promoted',
      promotedBy: 'bob',
      revision: release.revision + 1,
    });
    const detail = await carol.get(at(releaseRoutes.release, release.id));
    expect(detail.body.heads).toEqual(
      [
        { itemId: base.itemId, opId: base.id },
        { itemId: first.itemId, opId: second.id },
        { itemId: other.itemId, opId: other.id },
      ].sort((a, b) => a.itemId.localeCompare(b.itemId)),
    );
  });

  it('50 concurrent promotions of one version: exactly one winner; the others are told who and offered 2.0.1', async () => {
    const release = await provenDraft();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => promote(i % 2 === 0 ? alice : bob, release)),
    );
    const winners = answers.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.body.release.promotedBy;
    const losers = answers.filter((res) => res.status !== 200);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.status).toBe(409);
      expect(loser.body.taken).toMatchObject({
        version: '2.0.0',
        status: 'promoted',
        promotedBy: winner,
        offeredVersion: '2.0.1',
      });
      expect(loser.body.error.message).toContain(`already promoted by ${winner}`);
    }
    // The number stays used: a new draft of 2.0.0 is refused with the same offer.
    const again = await alice.post(releaseRoutes.releases, {
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '2.0.0',
    });
    expect(again.status).toBe(409);
    expect(again.body.taken.offeredVersion).toBe('2.0.1');
  });

  it('refuses a promotion that has not seen the latest revision, or whose gate is closed', async () => {
    const release = await draft(alice, { version: '1.9.0' });
    const closed = await promote(alice, release);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe(
      'Ready for promotion: no (FEAT-101 OAuth2 login: 0 of 1 passing proofs; BUG-50 Session timeout: 0 of 1 passing proofs)',
    );
    const proven = await provenDraft();
    await prove(carol, proven.id, 'FEAT-101', 'failed'); // someone else moved it on
    const behind = await promote(alice, proven);
    expect(behind.status).toBe(409);
    expect(behind.body.error.message).toMatch(/^Behind: pull first/);
    const latest = await alice.get(at(releaseRoutes.release, proven.id));
    expect(latest.body.release.revision).toBe(proven.revision + 1);
    expect((await promote(alice, latest.body.release)).status).toBe(200);
  });

  it('retries are idempotent by request id; the same id with another body is refused', async () => {
    const release = await provenDraft();
    const requestId = newId('req');
    const first = await promote(alice, release, requestId);
    const retry = await promote(alice, release, requestId);
    expect(retry).toEqual(first);
    expect(retry.status).toBe(200);
    const other = await promote(alice, { ...release, revision: release.revision + 5 }, requestId);
    expect(other.status).toBe(409);
    expect(other.body.error.field).toBe('requestId');

    const draftId = newId('rel');
    const body = { requestId: newId('req'), id: draftId, namespaces: ['Acme'], version: '3.0.0' };
    const created = await alice.post(releaseRoutes.releases, body);
    const createdAgain = await alice.post(releaseRoutes.releases, body);
    expect(createdAgain).toEqual(created);
    expect((await alice.post(releaseRoutes.releases, { ...body, version: '3.1.0' })).status).toBe(409);
    const proofReq = newId('req');
    const p1 = await prove(bob, draftId, 'none', 'passed', proofReq);
    expect(p1.status).toBe(409); // no such change: refused, nothing stored
    const list = await alice.get(`${releaseRoutes.releases}?namespace=Acme`);
    expect(list.body.releases.map((r: Json) => r.version).sort()).toEqual(['2.0.0', '3.0.0']);
  });

  it('hides releases of namespaces the caller cannot see: 404 exactly like an unknown id', async () => {
    await push(bob, [makeOp('bob', { path: 'Hidden.thing' })]); // pending, in nobody-owned Hidden
    const secret = await draft(carol, { namespaces: ['Secret'], collaborators: [] });
    const unknown = await dave.get(at(releaseRoutes.release, newId('rel')));
    const hidden = await dave.get(at(releaseRoutes.release, secret.id));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message.replace(secret.id, 'X')).toBe(
      unknown.body.error.message.replace(/'[^']+'/, "'X'"),
    );
    expect((await promote(dave, secret)).status).toBe(404);
    expect((await prove(dave, secret.id, 'FEAT-101')).status).toBe(404);
    const acme = await draft(alice, { version: '1.0.0' });
    const listed = (await dave.get(releaseRoutes.releases)).body.releases.map((r: Json) => r.id);
    expect(listed).toEqual([acme.id]);
    // Bob's pending op shows Hidden to bob only; dave cannot make a release of it.
    const bobs = await draft(bob, { namespaces: ['Hidden'], collaborators: [] });
    expect((await dave.get(at(releaseRoutes.release, bobs.id))).status).toBe(404);
    const daves = await dave.post(releaseRoutes.releases, {
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Hidden'],
      version: '1.0.0',
    });
    expect(daves.status).toBe(400);
    expect(daves.body.error.message).toBe("Unknown namespace 'Hidden'");
  });

  it('drafts change only by creator and collaborators; proofs only by their author, only on drafts', async () => {
    const release = await draft(alice);
    const edit = (client: TestClient, body: Json) =>
      client.request('PUT', at(releaseRoutes.release, release.id), { requestId: newId('req'), ...body });
    const refused = await edit(carol, { seenRevision: release.revision, requiredProofs: 0 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      "Only alice and the release's collaborators can change this draft",
    );
    const byBob = await edit(bob, { seenRevision: release.revision, requiredProofs: 2 });
    expect(byBob.status).toBe(200);
    expect(byBob.body.release.requiredProofs).toBe(2);
    // Who collaborates is the creator's choice alone: bob may not add carol, nor drop himself.
    for (const collaborators of [['bob', 'carol'], []]) {
      const tried = await edit(bob, { seenRevision: byBob.body.release.revision, collaborators });
      expect(tried.status, JSON.stringify(collaborators)).toBe(403);
      expect(tried.body.error.message).toBe('Only alice can choose who collaborates on 2.0.0');
    }
    const same = await edit(bob, { seenRevision: byBob.body.release.revision, collaborators: ['bob'] });
    expect(same.status).toBe(200);
    const byAlice = await edit(alice, {
      seenRevision: same.body.release.revision,
      collaborators: ['bob', 'carol'],
    });
    expect(byAlice.body.release.collaborators).toEqual(['bob', 'carol']);
    const dropCarol = await edit(alice, {
      seenRevision: byAlice.body.release.revision,
      collaborators: ['bob'],
    });
    expect(dropCarol.status).toBe(200);

    const added = await prove(carol, release.id, 'FEAT-101');
    const proofId = added.body.proofId;
    const change = (client: TestClient, result: string) =>
      client.request('PUT', at(releaseRoutes.releaseProof, release.id, proofId), {
        requestId: newId('req'),
        result,
        note: 'again',
        link: 'https://ci.example/run/7',
      });
    expect((await change(bob, 'failed')).status).toBe(403);
    const own = await change(carol, 'failed');
    expect(own.status).toBe(200);
    expect(own.body.release.changes[0].proofs[0]).toMatchObject({ author: 'carol', result: 'failed', rc: 1 });
    const deleteByBob = await bob.request(
      'DELETE',
      `${at(releaseRoutes.releaseProof, release.id, proofId)}?requestId=${newId('req')}`,
    );
    expect(deleteByBob.status).toBe(403);
    const unknown = await carol.request(
      'DELETE',
      `${at(releaseRoutes.releaseProof, release.id, newId('proof'))}?requestId=${newId('req')}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/^Release 2\.0\.0 has no proof 'proof/);

    // Deleting one's own proof is the author's too; another's stays (carol's rc.1 is kept).
    const bobs = await prove(bob, release.id, 'FEAT-101');
    const bobsId = bobs.body.proofId;
    const deleteOwn = await bob.request(
      'DELETE',
      `${at(releaseRoutes.releaseProof, release.id, bobsId)}?requestId=${newId('req')}`,
    );
    expect(deleteOwn.status).toBe(200);
    expect(deleteOwn.body.release.changes[0].proofs.map((p: Json) => `${p.author} rc.${p.rc}`)).toEqual([
      'carol rc.1',
    ]);
    const ready = await edit(alice, { seenRevision: deleteOwn.body.release.revision, requiredProofs: 0 });
    expect((await promote(alice, ready.body.release)).status).toBe(200);
    expect((await change(carol, 'passed')).status).toBe(409);
    const afterEdit = await edit(alice, { seenRevision: ready.body.release.revision + 1, requiredProofs: 1 });
    expect(afterEdit.status).toBe(409);
    expect(afterEdit.body.error.message).toBe('Release 2.0.0 is promoted and can no longer change');
  });

  it('tells live clients when a release changes (everyone hears a promotion)', async () => {
    const release = await provenDraft();
    const stream = await openStream(new URL(syncRoutes.stream, server.url).href, dave.token as string);
    try {
      await stream.waitFor((e) => e.event === 'hello');
      expect((await promote(alice, release)).status).toBe(200);
      const changed = await stream.waitFor((e) => e.event === 'changed');
      expect(changed.data).toMatchObject({ topics: ['releases'] });
    } finally {
      stream.close();
    }
  });

  it('draws rc numbers atomically per change under concurrent proofs', async () => {
    const release = await draft(alice);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => prove(i % 2 ? bob : carol, release.id, 'FEAT-101')),
    );
    expect(answers.every((res) => res.status === 200)).toBe(true);
    const detail = await alice.get(at(releaseRoutes.release, release.id));
    const rcs = detail.body.release.changes[0].proofs
      .map((p: Json) => p.rc)
      .sort((a: number, b: number) => a - b);
    expect(rcs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(detail.body.release.revision).toBe(release.revision + 12);
  });

  it('refuses UPDATE and DELETE of a promoted release and its parts in SQL, except the yank', async () => {
    const release = await provenDraft();
    expect((await promote(alice, release)).status).toBe(200);
    const db = server.db;
    const refused = async (sql: string) => {
      await expect(db.query(sql, [release.id]), sql).rejects.toThrow(/is promoted/);
    };
    await refused(`UPDATE releases SET version = '9.9.9' WHERE id = $1`);
    await refused(`UPDATE releases SET status = 'draft' WHERE id = $1`);
    await refused(`DELETE FROM releases WHERE id = $1`);
    await refused(`UPDATE release_changes SET title = 'changed' WHERE release_id = $1`);
    await refused(`DELETE FROM release_changes WHERE release_id = $1`);
    await refused(`UPDATE release_proofs SET result = 'failed' WHERE release_id = $1`);
    await refused(`DELETE FROM release_proofs WHERE release_id = $1`);
    await refused(`DELETE FROM release_heads WHERE release_id = $1`);
    await refused(`INSERT INTO release_heads (release_id, item_id, op_id) VALUES ($1, 'item_x', 'op_x')`);
    await refused(`UPDATE releases SET yanked = true, yank_reason = 'x', version = '9.9.9' WHERE id = $1`);
    // The one change allowed: the yank, once.
    await db.query(`UPDATE releases SET yanked = true, yank_reason = 'broken build' WHERE id = $1`, [
      release.id,
    ]);
    await refused(`UPDATE releases SET yanked = false WHERE id = $1`);
    const detail = await alice.get(at(releaseRoutes.release, release.id));
    expect(detail.body.release).toMatchObject({
      version: '2.0.0',
      status: 'promoted',
      yanked: true,
      yankReason: 'broken build',
    });
    expect(detail.body.heads).toHaveLength(1);
  });

  it('yanks through the route with a reason; the version stays used', async () => {
    const release = await provenDraft();
    const promoted = (await promote(alice, release)).body.release;
    const yank = (client: TestClient, reason: string) =>
      client.post(at(releaseRoutes.releaseYank, promoted.id), { requestId: newId('req'), reason });
    const refused = await yank(dave, 'no'); // dave sees Acme but neither made nor owns the release
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Only alice, collaborators and owners can yank 2.0.0');
    const ok = await yank(alice, 'broken build');
    expect(ok.body.release).toMatchObject({ yanked: true, yankReason: 'broken build' });
    const reuse = await alice.post(releaseRoutes.releases, {
      requestId: newId('req'),
      id: newId('rel'),
      namespaces: ['Acme'],
      version: '2.0.0',
    });
    expect(reuse.status).toBe(409);
  });

  it('pages the list newest first by cursor; releases the caller cannot see take no place in it', async () => {
    for (const [i, namespaces] of [['Acme'], ['Secret'], ['Acme'], ['Secret'], ['Acme'], ['Acme']].entries())
      await draft(i % 2 ? carol : alice, { namespaces, version: `1.${i}.0`, collaborators: [] });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await dave.get(`${releaseRoutes.releases}${query}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.releases.map((r: Json) => r.version));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['1.5.0', '1.4.0', '1.2.0', '1.0.0']);
    expect(pages).toBe(3);
    const bad = await dave.get(`${releaseRoutes.releases}?cursor=nope`);
    expect(bad.status).toBe(400);
    expect((await dave.get(`${releaseRoutes.releases}?limit=0`)).status).toBe(400);
  });
}
