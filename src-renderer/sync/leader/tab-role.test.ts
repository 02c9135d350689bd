import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startSyncServer, type SyncServer } from '../../../bench/sync-clients.js';
import { startLiveStream } from '../../../src-main/remote/live-stream.js';
import { RemoteClient } from '../../../src-main/remote/remote-client.js';
import { makeOp } from '../../../src-server/testing/client.js';
import { openTetherDb, type TetherDb } from '../../db/index.js';
import { uniqueDbName } from '../../db/testing.js';
import type { SyncEngineApi } from '../../state/sync-slice.js';
import { Workspace } from '../../workspace/index.js';
import { SyncEngine } from '../engine.js';
import { startTabRole } from './tab-role.js';

/**
 * Two tabs of one profile in Node: two RxDB instances of the same database
 * on the same (fake) IndexedDB, hearing each other over BroadcastChannel as
 * tabs do, against a real server on PGlite.
 */
interface Tab {
  db: TetherDb;
  ws: Workspace;
  engine: SyncEngineApi | null;
  leads: boolean;
  close(): Promise<void>;
}

let server: SyncServer;
let enginesStarted = 0;

beforeAll(async () => {
  server = await startSyncServer('pglite', ['alice', 'bob']);
});
afterAll(async () => {
  await server?.destroy();
});

async function openTab(dbName: string, label?: string): Promise<Tab> {
  const db = await openTetherDb({ name: dbName, indexedDB, IDBKeyRange, ...(label ? { tab: label } : {}) });
  const identity = { userName: 'alice', instanceId: 'inst-alice-tabs' };
  const ws = await Workspace.open({ db, identity });
  const token = server.tokens.get('alice') ?? '';
  const remote = new RemoteClient({ endpoint: () => ({ serverUrl: server.url, token }), timeoutMs: 30_000 });
  const tab: Tab = { db, ws, engine: null, leads: false, close: async () => undefined };
  const stopRole = startTabRole({
    db,
    channelName: `tether-sync-${dbName}`,
    setServerConfigured: (on) => ws.setServerConfigured(on),
    startEngine: (shownElsewhere) => {
      enginesStarted += 1;
      return SyncEngine.start({
        db,
        workspace: ws,
        remote,
        approvals: remote,
        identity,
        shownElsewhere,
        onRemoteChanged: liveNews(token),
      });
    },
    view: { branchId: () => ws.currentBranchId(), subscribe: (listener) => ws.subscribe(listener) },
    onEngine: (engine, leads) => {
      tab.engine = engine;
      tab.leads = leads;
    },
  });
  tab.close = async () => {
    await stopRole();
    await ws.close();
    await db.close();
  };
  return tab;
}

/** The server's live stream, passed on as main passes it to the engine ('remote.changed'). */
function liveNews(token: string) {
  return (listener: (changed?: unknown) => void) => {
    const stream = startLiveStream({
      endpoint: { serverUrl: server.url, token },
      handlers: {
        onOpen: () => undefined,
        onEvent: (event) => {
          if (event.event !== 'changed') return;
          listener(JSON.parse(event.data));
        },
        onDown: () => undefined,
      },
    });
    return () => stream.stop();
  };
}

/** Two tabs of one new database, once one leads and the other shows an engine. */
async function twoTabs(prefix: string): Promise<{ leader: Tab; follower: Tab }> {
  const name = uniqueDbName(prefix);
  const first = await openTab(name);
  const second = await openTab(name, 'second');
  await eventually(() => first.leads || second.leads, 'a tab to lead');
  const [leader, follower] = first.leads ? [first, second] : [second, first];
  await eventually(() => follower.engine !== null, 'the follower to show an engine');
  return { leader, follower };
}

describe('one sync leader per database', () => {
  it('one tab runs sync, the other shows its state and relays calls, and takes over when the leader closes', async () => {
    const { leader, follower } = await twoTabs('tabs');
    expect(follower.leads).toBe(false);
    expect(enginesStarted).toBe(1); // exactly one engine for the database

    // A write in the follower tab is pushed by the leader's engine.
    const item = await follower.ws.createItem({ path: 'Acme.fromFollower', kind: 'fn', content: 'x' });
    await eventually(async () => (await server.countOps()) === 1, 'the leader to push the follower’s op');
    // The follower shows the leader's state, read from the database.
    await eventually(
      () => typeof follower.engine?.getState().lastSyncedAt.main === 'number',
      'the follower to show when main last synced',
    );
    // Sync now in the follower runs in the leader and answers with its summary.
    const summary = await follower.engine?.syncNow('main');
    expect(summary).toMatchObject({ branchId: 'main', conflicts: 0 });
    // The leader's refusal reaches the follower in the same words.
    await expect(follower.engine?.setMainPolicy('no-such-branch', 'follow')).rejects.toThrow(
      'There is no branch "no-such-branch"',
    );

    await leader.close();
    await eventually(() => follower.leads, 'the follower to take over', 10_000);
    expect(enginesStarted).toBe(2);
    await follower.ws.updateContent(item.itemId, 'after the takeover');
    await eventually(async () => (await server.countOps()) === 2, 'the new leader to push');
    await follower.close();
  });

  it('news of ops pulls the branch another tab shows, not only the leader’s own', async () => {
    const { leader, follower } = await twoTabs('tabs-news');

    // The follower works on a private branch; the leader stays on main.
    const feature = await follower.ws.createBranch('feature-news');
    await follower.ws.createItem({ path: 'Acme.onBranch', kind: 'fn', content: 'x' });
    await follower.engine?.syncNow(feature.id);
    expect(leader.ws.currentBranchId()).toBe('main');

    // Alice's laptop (same person, another computer) changes that branch, straight through the server.
    const token = server.tokens.get('alice') ?? '';
    const laptop = new RemoteClient({
      endpoint: () => ({ serverUrl: server.url, token }),
      timeoutMs: 30_000,
    });
    const op = makeOp('alice', {
      branchId: feature.id,
      path: 'Acme.fromLaptop',
      instanceId: 'inst-alice-laptop',
    });
    expect((await laptop.pushOps([op])).acks).toHaveLength(1);

    // Only the stream's news tells the leader: it pulls the branch the follower shows.
    const paths = async () => (await follower.db.ops.byBranch(feature.id)).map((op) => op.path);
    await eventually(
      async () => (await paths()).includes('Acme.fromLaptop'),
      'the leader to pull the shown branch',
    );
    await leader.close();
    await follower.close();
  });

  it('news of ops pulls a branch shared with others that no tab shows', async () => {
    const tab = await openTab(uniqueDbName('tabs-shared'));
    await eventually(() => tab.leads, 'the only tab to lead');
    const shared = await tab.ws.createBranch('feature-shared');
    await tab.ws.createItem({ path: 'Acme.shared', kind: 'fn', content: 'x' });
    await tab.engine?.syncNow(shared.id);
    await tab.engine?.changeCollaborators(shared.id, { add: ['bob'] });
    await tab.ws.switchBranch('main');

    // Bob changes the shared branch, straight through the server.
    const token = server.tokens.get('bob') ?? '';
    const bob = new RemoteClient({ endpoint: () => ({ serverUrl: server.url, token }), timeoutMs: 30_000 });
    const op = makeOp('bob', { branchId: shared.id, path: 'Bob.onShared', instanceId: 'inst-bob' });
    expect((await bob.pushOps([op])).acks).toHaveLength(1);

    const paths = async () => (await tab.db.ops.byBranch(shared.id)).map((o) => o.path);
    await eventually(
      async () => (await paths()).includes('Bob.onShared'),
      'the leader to pull the shared branch',
    );
    await tab.close();
  });
});
