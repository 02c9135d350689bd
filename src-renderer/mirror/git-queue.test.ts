import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { openTetherDb, type TetherDb } from '../db/index.js';
import { uniqueDbName } from '../db/testing.js';
import { GIT_STEPS, StepQueue } from './git-queue.js';

/** The git runner in one tab: a push asked for while a push runs. */
let db: TetherDb | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

describe('a push asked for while a push runs', () => {
  it('runs once more after it, so what the running one had already read is not the last word', async () => {
    db = await openTetherDb({ name: uniqueDbName('git-asked-again'), indexedDB, IDBKeyRange });
    // What each push saw of the tags to send: a tag made while the first runs needs the second.
    const tags: string[] = [];
    const pushedTags: string[][] = [];
    let release = () => undefined as void;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const queue = new StepQueue<'push' | 'pull'>({
      db,
      steps: GIT_STEPS,
      runStep: async () => {
        pushedTags.push([...tags]);
        if (pushedTags.length === 1) await firstHeld;
        return { message: 'Pushed.' };
      },
      hold: () => null,
    });

    const first = queue.runNow('push');
    await eventually(async () => (await db!.queue.all())[0]?.status === 'syncing', 'the first push to run');
    tags.push('Acme/v1.0.0');
    await queue.request('push');
    release();
    await first;
    await queue.drain();

    expect(pushedTags).toEqual([[], ['Acme/v1.0.0']]);
    expect(await db.queue.all()).toEqual([]);
  });

  it('a push asked for while none runs joins the waiting entry and runs once', async () => {
    db = await openTetherDb({ name: uniqueDbName('git-asked-twice'), indexedDB, IDBKeyRange });
    let runs = 0;
    const queue = new StepQueue<'push' | 'pull'>({
      db,
      steps: GIT_STEPS,
      runStep: () => Promise.resolve({ message: `Pushed ${++runs}.` }),
      hold: () => 'travel',
    });
    await queue.request('push');
    await queue.request('push');
    expect(await db.queue.all()).toHaveLength(1);
    expect(runs).toBe(0);
  });
});
