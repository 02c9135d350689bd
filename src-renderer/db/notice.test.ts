import { expect, it } from 'vitest';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

// Its own file: RxDB prints the notice once per process, on the first write.
it("drops RxDB's one-time Dexie notice and passes every other warning through", async () => {
  const warnings: unknown[][] = [];
  const original = console.warn;
  const recorder = (...args: unknown[]) => warnings.push(args);
  console.warn = recorder;
  try {
    const db = await openTestDb(uniqueDbName('notice'));
    console.warn('before the first write');
    await db.ops.insert([sampleOp()]);
    await db.close();
    console.warn('a real warning', 42);
    expect(warnings).toEqual([['before the first write'], ['a real warning', 42]]);
    // Once the notice has gone by, console.warn is the caller's own again.
    expect(console.warn).toBe(recorder);
  } finally {
    console.warn = original;
  }
});
