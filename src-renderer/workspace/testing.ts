import type { TetherDb } from '../db/index.js';
import { openTestDb, uniqueDbName } from '../db/testing.js';
import { Workspace } from './workspace.js';

/** Used by tests only: a wall clock the test moves by hand. */
export class TestTime {
  constructor(public ms = 1_700_000_000_000) {}
  readonly now = (): number => this.ms;
}

/** Used by tests only: readable ids, unique across every workspace of the test file. */
let idCount = 0;
export function idMaker(prefix: string): () => string {
  return () => `${prefix}-${String(++idCount).padStart(8, '0')}`;
}

export interface Fixture {
  name: string;
  db: TetherDb;
  ws: Workspace;
  time: TestTime;
}

/** A fresh (or named) database with a Workspace on it; close() closes both. */
export async function openFixture(
  opts: { name?: string; userName?: string; instanceId?: string; time?: TestTime } = {},
): Promise<Fixture & { close(): Promise<void> }> {
  const name = opts.name ?? uniqueDbName('ws');
  const time = opts.time ?? new TestTime();
  const db = await openTestDb(name);
  const instanceId = opts.instanceId ?? 'laptop-0001';
  const ws = await Workspace.open({
    db,
    identity: { userName: opts.userName ?? 'ada', instanceId },
    now: time.now,
    newId: idMaker(instanceId),
  });
  return {
    name,
    db,
    ws,
    time,
    close: async () => {
      await ws.close();
      await db.close();
    },
  };
}
