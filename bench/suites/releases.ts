/**
 * Release benches: a real server on a real PostgreSQL (a database per run),
 * called over HTTP the way clients call it.
 */
import type { Op } from '../../src-shared/model/index.js';
import { releaseSnapshot } from '../../src-shared/releases/index.js';
import {
  releaseRoutes,
  syncRoutes,
  type ReleaseDetailResponse,
} from '../../src-shared/sync-protocol/index.js';
import { TestClient, followOp, makeOp, newId } from '../../src-server/testing/client.js';
import type { Bench } from '../harness.js';
import { result } from '../harness.js';
import { startSyncServer } from '../sync-clients.js';

const PROMOTERS = 50;
const ITEMS = 1000;

const at = (route: string, id: string) => route.replace(':id', id);

async function ok(res: Promise<{ status: number; body: unknown }>, what: string) {
  const answer = await res;
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { release: { id: string; revision: number } };
}

/**
 * 50 promotions of one proven draft at the same moment (half by its creator,
 * half by a collaborator), on a namespace of 1,000 items whose heads the
 * winner freezes: ms until every promoter has its answer. Exactly one must
 * win, or the bench fails.
 */
async function promoteRace(): Promise<number> {
  const server = await startSyncServer('postgres', ['alice', 'bob']);
  try {
    const client = (user: string) => new TestClient(server.url, server.tokens.get(user) ?? '');
    const [alice, bob] = [client('alice'), client('bob')];
    const ops = Array.from({ length: ITEMS }, (_, i) =>
      makeOp('alice', { path: `Acme.Area${i % 10}.item${i}` }),
    );
    await ok(alice.post(syncRoutes.pushOps, { ops }), 'push');
    const changes = ['FEAT-101', 'FEAT-102', 'BUG-50'].map((id) => ({
      id,
      type: 'item',
      ref: id,
      title: id,
      assignee: null,
    }));
    const draft = await ok(
      alice.post(releaseRoutes.releases, {
        requestId: newId('req'),
        id: newId('rel'),
        namespaces: ['Acme'],
        version: '2.0.0',
        collaborators: ['bob'],
        changes,
      }),
      'draft',
    );
    let latest = draft.release;
    for (const change of changes) {
      const body = {
        requestId: newId('req'),
        id: newId('proof'),
        changeId: change.id,
        result: 'passed',
        note: 'ci',
        link: null,
      };
      latest = (await ok(bob.post(at(releaseRoutes.releaseProofs, latest.id), body), 'proof')).release;
    }
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: PROMOTERS }, (_, i) =>
        (i % 2 ? bob : alice).post(at(releaseRoutes.releasePromote, latest.id), {
          requestId: newId('req'),
          seenRevision: latest.revision,
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const winners = answers.filter((res) => res.status === 200).length;
    const losers = answers.filter((res) => res.status === 409).length;
    if (winners !== 1 || losers !== PROMOTERS - 1)
      throw new Error(`expected 1 winner and ${PROMOTERS - 1} refusals, got ${winners} and ${losers}`);
    return elapsed;
  } finally {
    await server.destroy();
  }
}

const VIEW_ITEMS = 10_000;
const BATCH = 1000;

/** Pushes ops in the protocol's batches. */
async function pushAll(client: TestClient, ops: readonly unknown[]): Promise<void> {
  for (let i = 0; i < ops.length; i += BATCH)
    await ok(client.post(syncRoutes.pushOps, { ops: ops.slice(i, i + BATCH) }), 'push');
}

/**
 * Opens a namespace of 10,000 items as of a release: the release's heads
 * read from a real server (PostgreSQL) over HTTP, and the items derived from
 * an op log of 30,000 ops (each item made, edited, then edited again after
 * the release, so the view must pick the exact frozen op, not the newest).
 * The op log is in memory, as the workspace holds it. ms for both.
 */
async function viewAsOfRelease(): Promise<number> {
  const server = await startSyncServer('postgres', ['alice']);
  try {
    const alice = new TestClient(server.url, server.tokens.get('alice') ?? '');
    const created = Array.from({ length: VIEW_ITEMS }, (_, i) =>
      makeOp('alice', { path: `Acme.Area${i % 20}.item${i}`, content: `value ${i}\n` }),
    );
    const edited = created.map((op) => followOp(op));
    const later = edited.map((op) => followOp(op));
    await pushAll(alice, created);
    await pushAll(alice, edited);
    const change = { id: 'FEAT-1', type: 'item', ref: 'all', title: 'everything', assignee: null };
    const draft = await ok(
      alice.post(releaseRoutes.releases, {
        requestId: newId('req'),
        id: newId('rel'),
        namespaces: ['Acme'],
        version: '1.0.0',
        requiredProofs: 0,
        changes: [change],
      }),
      'draft',
    );
    await ok(
      alice.post(at(releaseRoutes.releasePromote, draft.release.id), {
        requestId: newId('req'),
        seenRevision: draft.release.revision,
      }),
      'promote',
    );
    await pushAll(alice, later);
    const log = new Map<string, Op>([...created, ...edited, ...later].map((op) => [op.id, op as Op]));

    const started = performance.now();
    const detail = await alice.get(at(releaseRoutes.release, draft.release.id));
    const { heads } = detail.body as ReleaseDetailResponse;
    const snapshot = releaseSnapshot((id) => log.get(id), heads);
    const elapsed = performance.now() - started;
    const frozen = new Set(edited.map((op) => op.id));
    if (snapshot.items.length !== VIEW_ITEMS || !snapshot.items.every((item) => frozen.has(item.current.id)))
      throw new Error(`expected ${VIEW_ITEMS} items at the frozen heads, got ${snapshot.items.length}`);
    return elapsed;
  } finally {
    await server.destroy();
  }
}

export const benches: Bench[] = [
  {
    name: 'releases.view.10k',
    run: async () =>
      result({
        name: 'releases.view.10k',
        value: await viewAsOfRelease(),
        unit: 'ms',
        baseline: null,
        target: '< 1000 ms',
      }),
  },
  {
    name: 'releases.promote.race.50',
    run: async () =>
      result({
        name: 'releases.promote.race.50',
        value: await promoteRace(),
        unit: 'ms',
        baseline: null,
        target: '< 2000 ms',
      }),
  },
];
