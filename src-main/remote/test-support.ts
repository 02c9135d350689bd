import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type StartServerOptions } from '../../src-server/server.js';
import { pgliteDir } from '../../src-server/testing/harness.js';
import { RemoteClient } from './remote-client.js';

/** A real sync server on PGlite in a throwaway (pre-migrated) folder, on a free port. */
export async function startScratchServer(options: Partial<StartServerOptions> = {}) {
  const scratch = await pgliteDir('migrated');
  const dir = scratch.location;
  const server: RunningServer = await startServer({ port: 0, dataDir: dir, logLevel: 'silent', ...options });
  return { server, dir, remove: () => scratch.remove() };
}

/** Each user created on `server` with a fresh token, and main's client signed in as them. */
export async function signedInRemotes(
  server: RunningServer,
  users: string[],
): Promise<Map<string, RemoteClient>> {
  const remotes = new Map<string, RemoteClient>();
  for (const user of users) {
    await server.admin.createUser(user);
    const { token } = await server.admin.issueToken(user);
    remotes.set(user, new RemoteClient({ endpoint: () => ({ serverUrl: server.url, token }) }));
  }
  return remotes;
}

/**
 * A scratch server for one test file (started before its tests, removed
 * after): `as(user)` is main's client signed in as that user; `owners`
 * are set as namespace → owners once the users exist.
 */
export function useSignedInScratch(users: string[], owners: Record<string, string[]> = {}) {
  let scratch: Awaited<ReturnType<typeof startScratchServer>> | undefined;
  let remotes = new Map<string, RemoteClient>();
  beforeAll(async () => {
    scratch = await startScratchServer();
    remotes = await signedInRemotes(scratch.server, users);
    for (const [namespace, names] of Object.entries(owners))
      await scratch.server.admin.setOwners(namespace, names);
  }, 60_000);
  afterAll(async () => {
    await scratch?.server.close();
    await scratch?.remove();
  });
  return { as: (user: string) => remotes.get(user) as RemoteClient };
}

/** The same store again on the same port: a server restart as clients see it. */
export function restartServer(dir: string, port: number): Promise<RunningServer> {
  return startServer({ port, dataDir: dir, logLevel: 'silent' });
}

/** A stand-in HTTP server that answers every request with `respond` (bad servers, slow servers). */
export async function startFakeServer(respond: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(respond);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A port nothing listens on: bind one, then free it. */
export async function deadUrl(): Promise<string> {
  const fake = await startFakeServer(() => undefined);
  await fake.close();
  return fake.url;
}

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
