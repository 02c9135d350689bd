import { randomBytes } from 'node:crypto';
import { encodeHlc } from '../../src-shared/clock/hlc.js';
import type { Branch, OpBody } from '../../src-shared/model/index.js';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { AdminApi } from '../admin/admin-api.js';

/** Test assertions check response bodies field by field, so they are typed loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A tiny HTTP client for tests: every call returns status and parsed JSON body. */
export class TestClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  async request<T = Json>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(new URL(route, this.baseUrl), {
      method,
      headers: {
        ...(this.token === null ? {} : { authorization: `Bearer ${this.token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  get<T = Json>(route: string) {
    return this.request<T>('GET', route);
  }

  post<T = Json>(route: string, body: unknown = {}) {
    return this.request<T>('POST', route, body);
  }
}

/** Creates `name` and returns a client holding a fresh token for them. */
export async function userClient(admin: AdminApi, baseUrl: string, name: string): Promise<TestClient> {
  await admin.createUser(name);
  const { token } = await admin.issueToken(name);
  return new TestClient(baseUrl, token);
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

/** An HLC stamp (src-shared/clock format) at `wallMs`. */
export const hlcAt = (wallMs: number, counter = 0, node = 'instance_1') =>
  encodeHlc({ wall: wallMs, counter, node });

/** A valid create op by `author`; override any field. */
export function makeOp(author: string, overrides: Partial<OpBody> = {}): OpBody {
  return {
    id: newId('op'),
    itemId: newId('item'),
    branchId: 'main',
    type: 'create',
    path: 'Acme.Billing.charge',
    kind: 'fn',
    content: 'export const charge = (n: number) => n;',
    parents: [],
    author,
    instanceId: 'instance_1',
    hlc: hlcAt(Date.now()),
    ...overrides,
  };
}

/** An op that follows `parent` on the same item. */
export function followOp(parent: OpBody, overrides: Partial<OpBody> = {}): OpBody {
  return makeOp(parent.author, {
    itemId: parent.itemId,
    branchId: parent.branchId,
    path: parent.path,
    type: 'update',
    parents: [parent.id],
    content: `${parent.content}\n// edit ${newId('e')}`,
    ...overrides,
  });
}

/** An open branch record by `createdBy`, as a client pushes it; override any field. */
export function branchRecord(createdBy: string, overrides: Partial<Branch> = {}): Branch {
  return {
    id: newId('br'),
    name: 'feature-x',
    state: 'open',
    mainPolicy: 'isolated',
    baseSeq: 0,
    baseHlc: hlcAt(Date.now()),
    baseInstanceId: 'instance_1',
    createdBy,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

/** Pushes an open branch `id` as `client`'s user `createdBy` (ops into a branch need it first). */
export async function openBranch(client: TestClient, createdBy: string, id: string): Promise<void> {
  const res = await client.post(syncRoutes.pushBranches, { branches: [branchRecord(createdBy, { id })] });
  if (res.status !== 200) throw new Error(`branch ${id}: ${JSON.stringify(res.body)}`);
}
