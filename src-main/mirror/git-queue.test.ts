import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../bench/mirror-harness.js';
import type { EmitEvent, EventName, EventPayload } from '../../src-shared/bridge/contract.js';
import type { FolderChanges } from '../../src-shared/bridge/git.js';
import type { QueueEntry } from '../../src-shared/model/index.js';
import { GIT_STEPS, StepQueue, type GitQueue } from '../../src-renderer/mirror/git-queue.js';
import { MirrorFeed } from '../../src-renderer/mirror/mirror-feed.js';
import { openFixture } from '../../src-renderer/workspace/testing.js';
import { runGit } from '../git/run.js';
import { cloneTo, startGitHttpRemote, type GitHttpRemote } from '../git/test-support.js';
import { MirrorService } from './mirror-service.js';

/**
 * The app's wiring without the window: a workspace and the mirror feed (the
 * renderer), the mirror service (main), and the git queue between them, with
 * a real remote served by git http-backend behind a loopback link this test
 * can cut, like a network going away.
 */
let remote: GitHttpRemote;
let link: Link;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  remote = await startGitHttpRemote();
  link = await openLink(new URL(remote.url('x')).port);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await link.close();
  await remote.close();
});

/** A TCP link to the remote that can go down (connections refused) and come back on the same port. */
interface Link {
  url(name: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}
async function openLink(targetPort: string): Promise<Link> {
  let server: Server | null = null;
  let port = 0;
  const sockets = new Set<Socket>();
  const up = async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      const out = connect(Number(targetPort), '127.0.0.1');
      socket.pipe(out).pipe(socket);
      const end = () => (socket.destroy(), out.destroy(), sockets.delete(socket));
      socket.on('error', end).on('close', end);
      out.on('error', end).on('close', end);
    });
    await new Promise<void>((done) => server!.listen(port, '127.0.0.1', done));
    port = (server!.address() as { port: number }).port;
  };
  const down = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server = null;
  };
  await up();
  return { url: (name) => `http://127.0.0.1:${port}/${name}.git`, up, down, close: down };
}

async function app(name: string) {
  await remote.createRepo(name);
  const dataDir = await mkdtemp(join(tmpdir(), 'tether-data-'));
  const folder = await mkdtemp(join(tmpdir(), 'tether-folder-'));
  const fx = await openFixture({ userName: 'ada' });
  const env = { travel: false };
  const listeners = new Set<(batch: FolderChanges) => void>();
  let queue: GitQueue | null = null;
  const emit = (<E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'mirror.changes') listeners.forEach((l) => l(payload as FolderChanges));
    if (event === 'git.networkRequested') void queue?.request((payload as { step: 'push' | 'pull' }).step);
  }) as EmitEvent;
  const service = await MirrorService.create({
    dataDir,
    userName: 'ada',
    emit,
    travelMode: () => env.travel,
  });
  await service.setSettings({
    folder,
    autoSync: true,
    debounceMs: 50,
    git: { enabled: true, autoCommit: 'off', commitMinutes: 1, autoPush: true, remoteUrl: link.url(name) },
  });
  queue = new StepQueue({
    db: fx.db,
    steps: GIT_STEPS,
    runStep: (step) => (step === 'push' ? service.push() : service.pull()),
    hold: () => (env.travel ? 'travel' : null),
  });
  const stopKick = fx.db.queue.changes(() => queue?.kick());
  const feed = new MirrorFeed(fx.ws, {
    publish: async (publish) => service.publish(publish),
    applied: (applied) => service.applied(applied),
    onChanges: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  });
  feed.start();
  cleanups.push(async () => {
    stopKick();
    queue?.stop();
    feed.stop();
    await service.dispose();
    await fx.close();
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });
  const gitEntries = async (): Promise<QueueEntry[]> =>
    (await fx.db.queue.all()).filter((e) => e.type === 'git_push' || e.type === 'git_pull');
  const remoteHead = () =>
    runGit(['rev-parse', '--verify', '-q', 'refs/heads/main'], { cwd: join(remote.root, `${name}.git`) })
      .then((out) => out.trim())
      .catch(() => null);
  const localHead = () => runGit(['rev-parse', 'HEAD'], { cwd: folder }).then((out) => out.trim());
  const editAndCommit = async (content: string) => {
    await fx.ws.createItem({ path: `Acme.Billing.${name}`, kind: 'fn', content });
    await feed.settled();
    return service.commitNow();
  };
  return { fx, env, queue: queue!, service, gitEntries, remoteHead, localHead, editAndCommit };
}

describe('git network steps in the sync queue', () => {
  it('travel mode: the auto-push waits as a queue entry, and goes to the remote when travel mode is off', async () => {
    const a = await app('travel');
    a.env.travel = true;
    expect((await a.editAndCommit('export const a = 1;\n')).message).toMatch(
      /^Committed: Added Acme\.Billing/,
    );
    const [waiting] = await eventually(async () => {
      const entries = await a.gitEntries();
      return entries.length === 1 && entries[0]?.status === 'pending' ? entries : false;
    });
    expect(waiting).toMatchObject({ title: 'Push to git remote origin', retryCount: 0 });
    await a.queue.drain();
    expect(await a.remoteHead()).toBeNull(); // nothing left the computer
    expect(a.service.status().git.lastCommit?.sha).toBe(await a.localHead());
    expect(a.service.status().git).toMatchObject({ ahead: 1, behind: 0 }); // the remote has none of it yet
    expect(await a.queue.runNow('push')).toBe(
      'Push to git remote origin waits in the sync queue until travel mode is off.',
    );
    expect(await a.gitEntries()).toHaveLength(1); // asking again did not add a second push

    a.env.travel = false;
    await a.queue.cameBack();
    await eventually(async () => (await a.gitEntries()).length === 0);
    expect(await a.remoteHead()).toBe(await a.localHead());
    expect(a.service.status().git).toMatchObject({ ahead: 0, behind: 0, error: null });
    const clone = await cloneTo(remote.url('travel'));
    cleanups.push(() => rm(clone, { recursive: true, force: true }));
    expect(await readFile(join(clone, 'Acme/Billing/travel.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('network gone: the push backs off with the reason in words, and goes through when the remote is back', async () => {
    const a = await app('outage');
    await link.down();
    try {
      await a.editAndCommit('export const b = 1;\n');
      const [failed] = await eventually(async () => {
        const entries = await a.gitEntries();
        return entries[0]?.retryCount === 1 && entries[0].status === 'pending' ? entries : false;
      });
      expect(failed?.error).toBe('The remote could not be reached. Tether will try again.');
      expect(failed?.nextAttemptAt).toBeGreaterThan(Date.now());
      expect(await a.remoteHead()).toBeNull();
    } finally {
      await link.up();
    }
    await a.queue.cameBack(); // the app calls this when the connection comes back
    await eventually(async () => (await a.gitEntries()).length === 0);
    expect(await a.remoteHead()).toBe(await a.localHead());
  });

  it('a step the user must fix fails at once and waits for Retry; a pull is queued the same way', async () => {
    const a = await app('refused');
    await a.service.setSettings({
      ...a.service.getSettings(),
      git: { ...a.service.getSettings().git, autoPush: false, remoteUrl: remote.url('no-such-repo') },
    });
    const message = await a.queue.runNow('pull');
    expect(message).toMatch(/^Pull from git remote origin failed: /);
    const [failed] = await a.gitEntries();
    expect(failed).toMatchObject({ type: 'git_pull', status: 'failed', retryCount: 1 });
  });
});
