import { beforeEach, expect, it } from 'vitest';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { Json } from '../testing/client.js';
import { TestClient as Client } from '../testing/client.js';
import type { ApprovalWorld } from '../testing/approval-world.js';
import {
  approvalRoute,
  approvalWorld,
  bobPending,
  decide,
  opRow,
  pullAll,
  pullRequests,
  submit,
  submitBody,
} from '../testing/approval-world.js';
import type { SharedServer } from '../testing/harness.js';

/** Who may see and decide approval requests: run by approvals-api.test.ts on a server it shares. */
export function approvalSecurityCases(shared: SharedServer): void {
  let w: ApprovalWorld;
  let request: Json;
  let opId: string;
  beforeEach(async () => {
    w = await approvalWorld(shared.server);
    const [op] = await bobPending(w);
    opId = op!.id;
    request = await submit(w.bob, submitBody([op!]));
  });

  /** The request and its op still undecided: a refused call changed nothing. */
  const unchanged = async () => {
    const row = (await w.server.db.query('SELECT state, decided_by FROM approval_requests'))[0];
    expect(row).toEqual({ state: 'submitted', decided_by: null });
    const decided = await w.server.db.query('SELECT 1 FROM approval_items WHERE decision IS NOT NULL');
    expect(decided).toEqual([]);
    expect(await opRow(w.server, opId)).toMatchObject({ status: 'pending', approval_id: request.id });
  };
  const changeSeqNow = async () =>
    Number((await w.server.db.query('SELECT change_seq FROM approval_requests'))[0]?.change_seq);

  it('lets no one but an owner decide: the author gets 403, others 404, and nothing changes', async () => {
    const own = await decide(w.bob, request.id, { decision: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('Only an owner of Acme.Billing can approve this request');
    for (const outsider of [w.carol, w.dave]) {
      expect((await decide(outsider, request.id, { decision: 'approve' })).status).toBe(404);
      expect((await decide(outsider, request.id, { decision: 'reject' })).status).toBe(404);
    }
    await unchanged();
    expect(await changeSeqNow()).toBe(request.changeSeq);
  });

  it('shows pending ops and requests to no one outside the namespace owners and the author', async () => {
    for (const outsider of [w.carol, w.dave]) {
      expect((await pullAll(outsider)).has(opId)).toBe(false);
      const heads = await outsider.get(`${syncRoutes.heads}?branch=main`);
      expect(heads.body.ops.map((op: Json) => op.id)).not.toContain(opId);
      expect((await pullRequests(outsider)).requests).toEqual([]);
      for (const route of ['approval', 'approvalDiff'] as const) {
        const res = await outsider.get(approvalRoute(route, request.id));
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`No approval request ${request.id}`);
      }
      // An unknown id answers exactly the same way, so existence does not leak.
      const unknown = await outsider.get(approvalRoute('approval', 'apr_doesnotexist'));
      expect(unknown.status).toBe(404);
    }
    for (const insider of [w.alice, w.bob]) {
      expect((await pullAll(insider)).has(opId)).toBe(true);
      expect((await insider.get(approvalRoute('approval', request.id))).status).toBe(200);
      expect((await pullRequests(insider)).requests).toHaveLength(1);
    }
  });

  it('cannot be forged: nobody submits another author\u2019s ops', async () => {
    const res = await w.carol.post(syncRoutes.approvals, submitBody([], { opIds: [opId] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ opId });
    // Even an owner cannot wrap the author's ops in a request of their own.
    expect((await w.alice.post(syncRoutes.approvals, submitBody([], { opIds: [opId] }))).status).toBe(400);
    await unchanged();
  });

  it('takes the right from a revoked owner at once (admin set-owners)', async () => {
    await w.server.admin.setOwners('Acme', ['carol']);
    expect((await decide(w.alice, request.id, { decision: 'approve' })).status).toBe(404);
    expect((await w.alice.get(approvalRoute('approval', request.id))).status).toBe(404);
    await unchanged();
    expect((await decide(w.carol, request.id, { decision: 'approve' })).status).toBe(200);
  });

  it('takes the right from a removed co-owner at once', async () => {
    const owners = routePath(syncRoutes.namespaceOwners, { path: 'Acme.Billing' });
    expect((await w.alice.post(owners, { add: ['carol'] })).status).toBe(200);
    expect((await pullRequests(w.carol, '&role=owner')).requests).toHaveLength(1);
    expect((await w.alice.post(owners, { remove: ['carol'] })).status).toBe(200);
    expect((await decide(w.carol, request.id, { decision: 'approve' })).status).toBe(404);
    expect((await w.carol.post(owners, { add: ['carol'] })).status).toBe(403);
    await unchanged();
  });

  it('refuses suspended users and revoked tokens as everywhere else', async () => {
    await w.server.admin.suspendUser('alice');
    const suspended = await decide(w.alice, request.id, { decision: 'approve' });
    expect(suspended.status).toBe(403);
    expect(suspended.body.error.message).toBe('Account suspended');
    await w.server.admin.unsuspendUser('alice');
    await w.server.admin.revokeAllTokens('alice');
    expect((await decide(w.alice, request.id, { decision: 'approve' })).status).toBe(401);
    const anonymous = new Client(w.server.url, null);
    expect((await anonymous.get(syncRoutes.approvals)).status).toBe(401);
    await unchanged();
  });
}
