import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { openTetherDb, type TetherDb } from '../db/index.js';
import { uniqueDbName } from '../db/testing.js';
import { GIT_STEPS, StepQueue } from './git-queue.js';
import { wireStepQueue } from './git-queue-wiring.js';

/**
 * Main's queued git steps in two tabs of one profile (two RxDB instances of
 * one database, hearing each other as tabs do): only the leading tab runs
 * them, the other queues steps for it, and takes over when it closes.
 */
interface Tab {
  db: TetherDb;
  queue: StepQueue<'push' | 'pull'>;
  ran: string[];
  close(): Promise<void>;
}

const open = new Set<Tab>();
afterEach(async () => {
  for (const tab of open) await tab.close();
});

async function openTab(name: string, label?: string, answer = () => Promise.resolve()): Promise<Tab> {
  const db = await openTetherDb({ name, indexedDB, IDBKeyRange, ...(label ? { tab: label } : {}) });
  const ran: string[] = [];
  const queue = new StepQueue({
    db,
    steps: GIT_STEPS,
    runStep: async (step) => {
      ran.push(step);
      await answer();
      return { message: `Pushed from ${label ?? 'first'}.` };
    },
    hold: () => null,
  });
  const stop = wireStepQueue(queue, db, 'Git');
  const tab: Tab = {
    db,
    queue,
    ran,
    close: async () => {
      if (!open.delete(tab)) return;
      stop();
      await db.close();
    },
  };
  open.add(tab);
  return tab;
}

describe('git steps in two tabs of one profile', () => {
  it('the follower queues a push and the leader runs it, once', async () => {
    const name = uniqueDbName('git-tabs');
    const first = await openTab(name);
    await eventually(() => first.db.leadership.isLeader(), 'the first tab to lead');
    const second = await openTab(name, 'second');

    const said = await second.queue.attempt('push');
    expect(said).toEqual({ state: 'done', message: 'Push to git remote origin: done.' });
    expect(first.ran).toEqual(['push']);
    expect(second.ran).toEqual([]);
    expect(await first.db.queue.all()).toEqual([]);
  });

  it('a step the leader was running when it went runs again in the tab that takes over', async () => {
    const name = uniqueDbName('git-takeover');
    // Its push never answers, as when the tab crashed while main ran it.
    const never = () => new Promise<void>(() => undefined);
    const first = await openTab(name, undefined, never);
    await eventually(() => first.db.leadership.isLeader(), 'the first tab to lead');
    const second = await openTab(name, 'second');

    await second.queue.request('push');
    await eventually(
      async () => (await second.db.queue.all())[0]?.status === 'syncing',
      'the leader to start',
    );
    await first.close(); // the entry is left 'syncing'
    await eventually(() => second.db.leadership.isLeader(), 'the second tab to lead', 10_000);
    await eventually(async () => (await second.db.queue.all()).length === 0, 'the new leader to run it');
    expect(second.ran).toEqual(['push']);
  });
});
