import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import { makeOp } from '../../src-server/testing/client.js';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from './errors.js';
import { UNREADABLE_SERVER_ANSWER } from './http.js';
import { RemoteClient } from './remote-client.js';
import { deadUrl, startFakeServer, startScratchServer } from './test-support.js';

let scratch: Awaited<ReturnType<typeof startScratchServer>>;
let aliceToken: string;
const clientFor = (serverUrl: string, token: string, timeoutMs?: number) =>
  new RemoteClient({ endpoint: () => ({ serverUrl, token }), timeoutMs });

async function failure(promise: Promise<unknown>): Promise<BridgeError> {
  const err: unknown = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BridgeError);
  return err as BridgeError;
}

beforeAll(async () => {
  scratch = await startScratchServer();
  await scratch.server.admin.createUser('alice');
  aliceToken = (await scratch.server.admin.issueToken('alice')).token;
}, 60_000);
afterAll(async () => {
  await scratch.server.close();
  await scratch.remove();
});

describe('RemoteClient against a real server', () => {
  it('pushes and pulls ops, with validated answers', async () => {
    const alice = clientFor(`${scratch.server.url}/`, aliceToken);
    expect((await alice.me()).user.name).toBe('alice');
    const op = makeOp('alice');
    const { acks } = await alice.pushOps([op]);
    expect(acks).toMatchObject([{ id: op.id, alreadyStored: false }]);
    const page = await alice.pullOps({ branch: 'main', since: 0 });
    expect(page.ops.map((o) => o.id)).toContain(op.id);
    const again = await alice.pushOps([op]);
    expect(again.acks[0]?.alreadyStored).toBe(true);
  });

  it('maps a bad token to unauthorized', async () => {
    const err = await failure(clientFor(scratch.server.url, 'not-a-token').me());
    expect(err).toMatchObject({ code: 'unauthorized', retryable: false });
  });

  it("maps a suspended account to forbidden with the server's message", async () => {
    await scratch.server.admin.createUser('sam');
    const { token } = await scratch.server.admin.issueToken('sam');
    await scratch.server.admin.suspendUser('sam');
    const err = await failure(clientFor(scratch.server.url, token).me());
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/suspended/i);
  });

  it('maps a refused op to bad_request, naming why, and stores nothing', async () => {
    const alice = clientFor(scratch.server.url, aliceToken);
    const forged = makeOp('alice', { path: 'not a path!' });
    const err = await failure(alice.pushOps([forged]));
    expect(err).toMatchObject({ code: 'bad_request', retryable: false });
    expect(err.message).toMatch(/path/i);
    const page = await alice.pullOps({ branch: 'main', since: 0 });
    expect(page.ops.map((o) => o.id)).not.toContain(forged.id);
    // Someone else's op is refused with 403 (the author must be the caller).
    expect((await failure(alice.pushOps([makeOp('mallory')]))).code).toBe('forbidden');
  });

  it('maps the same op id with another body to conflict', async () => {
    const alice = clientFor(scratch.server.url, aliceToken);
    const op = makeOp('alice');
    await alice.pushOps([op]);
    const err = await failure(alice.pushOps([{ ...op, content: 'something else' }]));
    expect(err.code).toBe('conflict');
  });
});

describe('RemoteClient when the server is missing or broken', () => {
  it('is offline (retryable) when nothing listens', async () => {
    const err = await failure(clientFor(await deadUrl(), 't').me());
    expect(err).toMatchObject({ code: 'offline', retryable: true });
    expect(err.message).toMatch(/Cannot reach the server/);
  });

  it('is offline after the timeout when the server never answers', async () => {
    const silent = await startFakeServer(() => undefined);
    try {
      const err = await failure(clientFor(silent.url, 't', 200).me());
      expect(err).toMatchObject({ code: 'offline', retryable: true });
      expect(err.message).toMatch(/did not answer/);
    } finally {
      await silent.close();
    }
  });

  it('is offline on a 5xx, carrying the message', async () => {
    const failing = await startFakeServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'unavailable', message: 'store is down' } }));
    });
    try {
      const err = await failure(clientFor(failing.url, 't').me());
      expect(err).toMatchObject({ code: 'offline', retryable: true });
      expect(err.message).toBe('Server error 503: store is down');
    } finally {
      await failing.close();
    }
  });

  it('refuses an answer that does not match the protocol, so nothing gets applied', async () => {
    const garbage = await startFakeServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/v1/ops/pull') ? JSON.stringify({ ops: [{ id: 1 }] }) : 'not json');
    });
    try {
      const client = clientFor(garbage.url, 't');
      const pull = await failure(client.pullOps({ branch: 'main' }));
      expect(pull.code).toBe('internal');
      // Plain words for the person; the route and the field at fault ride along for main's log.
      expect(pull.message).toBe(UNREADABLE_SERVER_ANSWER);
      expect(String(pull.cause)).toMatch(/invalid answer to GET \/v1\/ops\/pull \(ops\.0\.id/);
      expect((await failure(client.me())).message).toBe(UNREADABLE_SERVER_ANSWER);
    } finally {
      await garbage.close();
    }
  });

  it('sends nothing while paused or signed out', async () => {
    let requests = 0;
    const counting = await startFakeServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    try {
      const paused = clientFor(counting.url, 't');
      paused.paused = true;
      expect((await failure(paused.me())).code).toBe('offline');
      const signedOut = new RemoteClient({ endpoint: () => null });
      expect((await failure(signedOut.me())).code).toBe('unauthorized');
      expect(requests).toBe(0);
    } finally {
      await counting.close();
    }
  });
});

describe('RemoteClient and a busy server', () => {
  it("maps a real server's 429 to a retryable error that carries its Retry-After", async () => {
    const scratch = await startScratchServer({ limits: { pushesPerMinute: 1 } });
    try {
      await scratch.server.admin.createUser('alice');
      const alice = clientFor(scratch.server.url, (await scratch.server.admin.issueToken('alice')).token);
      await alice.pushOps([makeOp('alice')]);
      const err = await failure(alice.pushOps([makeOp('alice')]));
      expect(err).toMatchObject({ code: 'offline', retryable: true });
      expect(err.retryAfterMs).toBeGreaterThan(0);
      expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(err.message).toMatch(
        /^The server is busy: Too many pushes from this token .*; trying again in \d+ s$/,
      );
      expect(err.toJSON().retryAfterMs).toBe(err.retryAfterMs); // it crosses the bridge
    } finally {
      await scratch.server.close();
      await scratch.remove();
    }
  });

  it('reads Retry-After as seconds or as a date, and bounds it', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    for (const bad of [null, '', 'soon', '-5']) expect(retryAfterMs(bad, now)).toBeUndefined();
  });
});
