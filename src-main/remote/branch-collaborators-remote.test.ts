import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src-shared/bridge/contract.js';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import { branchRecord } from '../../src-server/testing/client.js';
import { createRemoteHandlers } from '../handlers/remote.js';
import { signedInRemotes, startScratchServer } from './test-support.js';

/**
 * `remote.updateCollaborators` end to end in main: the bridge call is
 * validated, main's handler calls the server's collaborators route, and the
 * server's refusals arrive in its own words under the bridge's codes.
 */
let scratch: Awaited<ReturnType<typeof startScratchServer>>;
const handlers = new Map<string, Handlers>();

beforeAll(async () => {
  scratch = await startScratchServer();
  for (const [user, remote] of await signedInRemotes(scratch.server, ['alice', 'bob']))
    handlers.set(user, createRemoteHandlers(remote) as unknown as Handlers);
}, 60_000);
afterAll(async () => {
  await scratch.server.close();
  await scratch.remove();
});

const call = (user: string, method: string, params: unknown) =>
  dispatchCall(handlers.get(user) as Handlers, method, params, () => undefined);

describe('remote.updateCollaborators against a real server', () => {
  it("shares the owner's branch and stops sharing it; the answer is the server's record", async () => {
    const branch = branchRecord('alice');
    expect((await call('alice', 'remote.pushBranches', { branches: [branch] })).ok).toBe(true);
    const shared = await call('alice', 'remote.updateCollaborators', {
      branchId: branch.id,
      request: { add: ['bob'] },
    });
    expect(shared).toMatchObject({ ok: true, result: { branch: { id: branch.id, collaborators: ['bob'] } } });
    const unshared = await call('alice', 'remote.updateCollaborators', {
      branchId: branch.id,
      request: { remove: ['bob'] },
    });
    expect(unshared).toMatchObject({ ok: true, result: { branch: { collaborators: [] } } });
  });

  it("carries the server's refusals in its words: unknown user, not the owner, unknown branch", async () => {
    const branch = branchRecord('alice');
    await call('alice', 'remote.pushBranches', { branches: [branch] });
    const unknownUser = await call('alice', 'remote.updateCollaborators', {
      branchId: branch.id,
      request: { add: ['nobody'] },
    });
    expect(unknownUser).toEqual({
      ok: false,
      error: { code: 'bad_request', message: "Unknown user 'nobody'", retryable: false },
    });
    const notOwner = await call('bob', 'remote.updateCollaborators', {
      branchId: branch.id,
      request: { add: ['bob'] },
    });
    expect(notOwner).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(notOwner.ok ? '' : notOwner.error.message).toBe(
      'Only the owner of branch "feature-x" (alice) can change who works on it',
    );
    const unknownBranch = await call('alice', 'remote.updateCollaborators', {
      branchId: 'br_missing1',
      request: { add: ['bob'] },
    });
    expect(unknownBranch).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: "Unknown branch 'br_missing1'" },
    });
  });

  it('refuses an empty or malformed change at the bridge, before any request leaves', async () => {
    for (const request of [{}, { add: ['not a name'] }, { add: 'bob' }]) {
      const answer = await call('alice', 'remote.updateCollaborators', { branchId: 'br_missing1', request });
      // A request that reached the server would be "Unknown branch" (404): these stop before it.
      expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });
});
