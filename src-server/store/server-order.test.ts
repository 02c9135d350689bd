import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import { makeOp } from '../testing/client.js';
import type { TestServer } from '../testing/harness.js';
import { BACKENDS, startTestServer } from '../testing/harness.js';
import { pullOps } from './ops-pull.js';
import { pushOps } from './ops-push.js';

const WRITERS = 8;
/** PostgreSQL is where concurrency matters; embedded PGlite runs one statement at a time anyway. */
const BATCHES = { postgres: 50, pglite: 10 };
const OPS_PER_BATCH = 3;
const READERS = 3;

/**
 * The checkpoint property: readers that pull by checkpoint while many writers
 * push concurrently end with every op exactly once — no op committed late is
 * skipped, none is delivered twice. It runs on the store (each writer and
 * reader on its own pooled connection), where the race lives; with the order
 * lock removed it fails (ops are skipped).
 */
describe.each(BACKENDS)('server order under concurrency on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, { logLevel: 'warn' });
  });
  afterAll(() => server?.destroy());

  it(`${WRITERS} writers x ${BATCHES[backend]} batches, ${READERS} readers: every op exactly once`, async () => {
    for (let w = 0; w < WRITERS; w++) {
      await server.admin.createUser(`writer${w}`);
      await server.admin.setOwners(`W${w}`, [`writer${w}`]);
    }
    const pushed: string[] = [];
    let writing = true;

    const write = async (w: number) => {
      for (let b = 0; b < BATCHES[backend]; b++) {
        const ops: OpBody[] = Array.from({ length: OPS_PER_BATCH }, () =>
          makeOp(`writer${w}`, { path: `W${w}.item`, content: `w${w} b${b}` }),
        );
        const acks = await pushOps(server.db, `writer${w}`, ops);
        expect(acks.every((ack) => ack.status === 'approved' && !ack.alreadyStored)).toBe(true);
        pushed.push(...ops.map((op) => op.id));
      }
    };
    const read = async (r: number) => {
      const seen: string[] = [];
      let since = 0;
      let seenWhileWriting = 0;
      for (;;) {
        const done = !writing; // decided before the pull, so the final pass starts after all writes
        const page = await pullOps(server.db, { name: `reader${r}`, owned: [] }, 'main', since, 37);
        expect(page.checkpoint).toBeGreaterThanOrEqual(since);
        seen.push(...page.ops.map((op) => op.id));
        if (writing) seenWhileWriting += page.ops.length;
        since = page.checkpoint;
        if (done && !page.hasMore) return { seen, seenWhileWriting };
        // Caught up: pause briefly on PostgreSQL. PGlite answers without giving the event loop a
        // turn, so a timer would not fire until every writer is done; there readers just go on.
        if (page.ops.length === 0 && backend === 'postgres') await new Promise((r) => setTimeout(r, 2));
      }
    };

    const reading = Array.from({ length: READERS }, (_, r) => read(r));
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => write(w)));
    writing = false;
    const results = await Promise.all(reading);

    expect(pushed).toHaveLength(WRITERS * BATCHES[backend] * OPS_PER_BATCH);
    const expected = [...pushed].sort();
    for (const { seen, seenWhileWriting } of results) {
      expect(seenWhileWriting).toBeGreaterThan(0); // the readers really pulled while writers wrote
      expect(seen).toHaveLength(expected.length); // no duplicates …
      expect([...seen].sort()).toEqual(expected); // … and no skips
    }
  }, 60_000);
});
