/**
 * Release benches: a real server on a real PostgreSQL (a database per run),
 * called over HTTP the way clients call it.
 */
import { releaseRoutes, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { TestClient, makeOp, newId } from '../../src-server/testing/client.js';
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

export const benches: Bench[] = [
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
