import { beforeEach, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import { digestOf } from '../../src-shared/sync/anti-entropy.js';
import { syncRoutes, type ServerOp } from '../../src-shared/sync-protocol/index.js';
import type { TestClient } from '../testing/client.js';
import { followOp, makeOp, userClient } from '../testing/client.js';
import type { SharedServer } from '../testing/harness.js';

/** GET /v1/ops/digest (anti-entropy): run by sync-api.test.ts on a server it shares. */
export function digestCases(shared: SharedServer): void {
  let alice: TestClient; // owns Acme
  let bob: TestClient; // owns nothing
  let carol: TestClient; // owns nothing

  beforeEach(async () => {
    const server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
    carol = await userClient(server.admin, server.url, 'carol');
    await server.admin.setOwners('Acme', ['alice']);
  });

  const push = async (client: TestClient, ops: OpBody[]) => {
    const res = await client.post(syncRoutes.pushOps, { ops });
    expect(res.status).toBe(200);
    return res.body.acks as { id: string; serverSeq: number }[];
  };
  const digest = (client: TestClient, query: string) => client.get(`${syncRoutes.opsDigest}?${query}`);
  const pulled = async (client: TestClient): Promise<ServerOp[]> =>
    (await client.get(`${syncRoutes.pullOps}?branch=main&since=0&limit=1000`)).body.ops;

  it('answers the digest of what pull gives the caller, computed as the client computes it', async () => {
    const first = makeOp('alice', { path: 'Acme.one' });
    await push(alice, [first, followOp(first, { content: 'v2' }), makeOp('alice', { path: 'Acme.two' })]);
    const whole = await digest(bob, 'branch=main');
    expect(whole.status).toBe(200);
    expect(whole.body.count).toBe(3);
    expect(whole.body.from).toBe(1);
    const ops = await pulled(bob);
    // The same three ops, hashed locally from a pull, give the same answer.
    expect(whole.body).toEqual(digestOf({ from: 1, to: whole.body.to }, ops));
    // Another branch holds none of them.
    const other = await digest(bob, 'branch=main_not_here_1');
    expect(other.body).toMatchObject({ count: 0 });
  });

  it("counts none of others' pending ops outside the caller's namespaces, and shows none", async () => {
    const hidden = makeOp('bob', { path: 'Acme.bobs' }); // bob owns nothing in Acme: pending
    const [ack] = await push(bob, [hidden]);
    const seq = ack!.serverSeq;
    const asCarol = await digest(carol, `branch=main&from=${seq}&to=${seq}&include=ops`);
    expect(asCarol.status).toBe(200);
    // Exactly the answer for a range that holds nothing: the row's existence is not revealed.
    expect(asCarol.body).toEqual({ ...digestOf({ from: seq, to: seq }, []), ops: [] });
    const asAuthor = await digest(bob, `branch=main&from=${seq}&to=${seq}&include=ops`);
    expect(asAuthor.body.count).toBe(1);
    expect(asAuthor.body.ops.map((op: ServerOp) => op.id)).toEqual([hidden.id]);
    expect((await digest(alice, `branch=main&from=${seq}&to=${seq}`)).body.count).toBe(1); // the owner
  });

  it('returns the ops of a narrow range in server order, and a decision changes the hash', async () => {
    const ops = [1, 2, 3, 4].map((n) => makeOp('alice', { path: `Acme.n${n}` }));
    const seqs = (await push(alice, ops)).map((a) => a.serverSeq);
    const middle = await digest(bob, `branch=main&from=${seqs[1]}&to=${seqs[2]}&include=ops`);
    expect(middle.status).toBe(200);
    expect(middle.body.ops.map((op: ServerOp) => op.id)).toEqual([ops[1]!.id, ops[2]!.id]);
    expect(middle.body.count).toBe(2);

    const range = `branch=main&from=${seqs[0]}&to=${seqs[3]}`;
    const [authorBefore, otherBefore] = [(await digest(alice, range)).body, (await digest(bob, range)).body];
    await shared.server.admin.setOpStatus(ops[0]!.id, 'rejected');
    const authorAfter = (await digest(alice, range)).body;
    expect(authorAfter.count).toBe(authorBefore.count); // alice still sees her own rejected op
    expect(authorAfter.hash).not.toBe(authorBefore.hash); // but in another state
    expect((await digest(bob, range)).body.count).toBe(otherBefore.count - 1); // bob no longer sees it
  });

  it('refuses a bad range with a clear message, changing nothing, and needs a token', async () => {
    const cases: [string, RegExp][] = [
      ['branch=main&from=5&to=4', /to must not be below from/],
      ['branch=main&from=0', /from must be 1 or more/],
      ['branch=main&from=x', /from must be a whole number/],
      ['branch=main&from=1&include=ops', /include=ops needs a range/],
      ['branch=main&from=1&to=5000&include=ops', /include=ops needs a range/],
      ['branch=main&include=everything&to=3', /include may only be 'ops'/],
      ['from=1', /branch/],
    ];
    for (const [query, message] of cases) {
      const res = await digest(alice, query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toMatch(message);
    }
    const res = await fetch(new URL(`${syncRoutes.opsDigest}?branch=main`, shared.server.url));
    expect(res.status).toBe(401);
  });
}
