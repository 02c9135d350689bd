import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { openTetherDb, type TetherDb } from '../db/index.js';
import { sampleOp, uniqueDbName } from '../db/testing.js';
import { Workspace } from './workspace.js';

/**
 * Who keeps the boot view, and when, with real timers: two workspaces on
 * two RxDB instances of one database (two tabs, as in the leader tests).
 */
interface Tab {
  db: TetherDb;
  ws: Workspace;
  /** Boot views this tab stored (its store's kept saves). */
  kept: number;
  close(): Promise<void>;
}

const open: Tab[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((tab) => tab.close()));
});

async function openTab(name: string, label?: string): Promise<Tab> {
  const db = await openTetherDb({ name, indexedDB, IDBKeyRange, ...(label ? { tab: label } : {}) });
  const tab: Tab = { db, ws: null as unknown as Workspace, kept: 0, close: async () => undefined };
  const save = db.bootView.save;
  db.bootView.save = async (build) => {
    const kept = await save(build);
    if (kept) tab.kept += 1;
    return kept;
  };
  tab.ws = await Workspace.open({ db, identity: { userName: 'ada', instanceId: 'laptop-0001' } });
  let closed = false;
  tab.close = async () => {
    if (closed) return;
    closed = true;
    await tab.ws.close();
    await db.close();
  };
  open.push(tab);
  return tab;
}

const pathsInRecord = async (db: TetherDb) =>
  ((await db.bootView.load({ branchId: 'main' }))?.ops ?? []).map((op) => op.path);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keeping the boot view', () => {
  it('only the tab that leads writes it; a follower that takes over starts keeping it', async () => {
    const name = uniqueDbName('boot-keep');
    const first = await openTab(name);
    const second = await openTab(name, 'second');
    // Both write while the election runs: the leader's record must hold the follower's item.
    await second.ws.createItem({ path: 'Acme.fromSecond', kind: 'fn', content: 'x' });
    await first.ws.createItem({ path: 'Acme.fromFirst', kind: 'fn', content: 'y' });
    // The app's sync and mirror wiring stand for election too.
    for (const tab of [first, second]) void tab.db.leadership.whenLeader();
    await eventually(
      () => first.db.leadership.isLeader() || second.db.leadership.isLeader(),
      'a tab to lead',
    );
    const [leader, follower] = first.db.leadership.isLeader() ? [first, second] : [second, first];
    await eventually(
      async () => (await pathsInRecord(follower.db)).length === 2,
      'the leader to store both items',
      10_000,
    );
    expect((await pathsInRecord(follower.db)).sort()).toEqual(['Acme.fromFirst', 'Acme.fromSecond']);
    expect(leader.kept).toBeGreaterThan(0);
    // Past the quiet moment a keeper would wait for: the follower still wrote nothing.
    await sleep(3_000);
    expect(follower.kept).toBe(0);

    await leader.close();
    await eventually(() => follower.db.leadership.isLeader(), 'the follower to take over', 15_000);
    // It heard writes since it loaded, so it takes one at the next quiet moment.
    await eventually(() => follower.kept > 0, 'the new leader to store a boot view', 10_000);
  }, 40_000);

  it('takes a fresh record at the next quiet moment when told the history fill ended', async () => {
    const tab = await openTab(uniqueDbName('boot-soon'));
    await tab.db.ops.receive([sampleOp({ id: 'op-heads-0001', itemId: 'item-0000001', serverSeq: 1 })]);
    await eventually(async () => (await pathsInRecord(tab.db)).length === 1, 'the first record', 10_000);
    const touched = async () => (await tab.db.bootView.load({ branchId: 'main' }))?.touchedItemIds ?? [];

    // Older ops arrive after it (as a history fill writes them): the minute's spacing holds the next one back…
    const older = sampleOp({ id: 'op-older-0002', itemId: 'item-0000002', path: 'Acme.older', serverSeq: 2 });
    await tab.db.ops.receive([older]);
    await sleep(3_500);
    expect(await touched()).toEqual(['item-0000002']);
    const kept = tab.kept;

    // …until the fill ends: then one is taken once quiet, and the next start reads no history.
    tab.ws.historyFilled();
    await eventually(async () => (await touched()).length === 0, 'a fresh record', 5_000);
    expect(tab.kept).toBe(kept + 1);
    expect((await pathsInRecord(tab.db)).sort()).toEqual(['Acme.charge', 'Acme.older']);
  }, 30_000);
});
