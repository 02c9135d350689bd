import { expect } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import type { SubmitApprovalRequest } from '../../src-shared/sync-protocol/index.js';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { Json, TestClient } from './client.js';
import { makeOp, newId, userClient } from './client.js';
import type { TestServer } from './harness.js';

/**
 * The cast of the approval tests: alice owns Acme, bob writes in Acme
 * without owning it, carol is a bystander, dave owns Other.
 */
export interface ApprovalWorld {
  server: TestServer;
  alice: TestClient;
  bob: TestClient;
  carol: TestClient;
  dave: TestClient;
}

export async function approvalWorld(server: TestServer): Promise<ApprovalWorld> {
  const [alice, bob, carol, dave] = (await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((name) => userClient(server.admin, server.url, name)),
  )) as [TestClient, TestClient, TestClient, TestClient];
  await server.admin.setOwners('Acme', ['alice']);
  await server.admin.setOwners('Other', ['dave']);
  return { server, alice, bob, carol, dave };
}

export async function push(client: TestClient, ops: OpBody[]): Promise<Json[]> {
  const res = await client.post(syncRoutes.pushOps, { ops });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.acks;
}

/** Bob's pending op(s) in Acme.Billing, pushed. */
export async function bobPending(world: ApprovalWorld, count = 1, path = 'Acme.Billing.charge') {
  const ops = Array.from({ length: count }, () => makeOp('bob', { path }));
  const acks = await push(world.bob, ops);
  expect(acks.every((ack) => ack.status === 'pending')).toBe(true);
  return ops;
}

export function submitBody(ops: OpBody[], overrides: Partial<SubmitApprovalRequest> = {}) {
  return {
    id: newId('apr'),
    title: 'Tidy charge',
    description: 'Rounds amounts',
    opIds: ops.map((op) => op.id),
    ...overrides,
  };
}

export async function submit(client: TestClient, body: SubmitApprovalRequest): Promise<Json> {
  const res = await client.post(syncRoutes.approvals, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.request;
}

export const approvalRoute = (
  route: 'approval' | 'approvalDecision' | 'approvalComments' | 'approvalDiff',
  id: string,
) => routePath(syncRoutes[route], { id });

export const decide = (client: TestClient, id: string, body: object) =>
  client.post(approvalRoute('approvalDecision', id), body);

/** Every main op the client may see, by id. */
export async function pullAll(client: TestClient, branch = 'main'): Promise<Map<string, Json>> {
  const res = await client.get(`${syncRoutes.pullOps}?branch=${branch}&since=0&limit=1000`);
  expect(res.status).toBe(200);
  return new Map(res.body.ops.map((op: Json) => [op.id, op]));
}

export async function pullRequests(client: TestClient, query = ''): Promise<Json> {
  const res = await client.get(`${syncRoutes.approvals}?since=0${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The stored row of an op, to check that a refused call changed nothing. */
export async function opRow(server: TestServer, id: string): Promise<Json> {
  const rows = await server.db.query('SELECT status, approval_id, change_seq FROM ops WHERE id = $1', [id]);
  return rows[0];
}
