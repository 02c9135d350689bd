/**
 * One soak client's renderer side, as its own process (RxDB allows only a
 * couple of client databases per process): local database, Workspace and
 * SyncEngine, talking over the bridge WebSocket to a host the soak starts
 * and kills. It edits at random while told to, journals every op it created
 * and every ack (fsynced, so the soak's count survives anything), and on
 * request syncs until settled and reports its replica.
 */
import fs from 'node:fs';
import { seededRandom } from '../../src-server/testing/fault-proxy.js';
import { openBridgeRenderer, type BridgeRenderer } from '../host-client.js';
import { viewContents } from '../sync-clients.js';
import { bridgeRemoteApi } from '../../src-renderer/bridge/remote-api.js';
import { checkBranch } from '../../src-renderer/sync/anti-entropy.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import type { DriverStart, FromDriver, ToDriver } from './protocol.js';

let client: BridgeRenderer | null = null;
let editing = false;
let writes = 0;
let writeErrors = 0;
let editLoop: Promise<void> = Promise.resolve();
let user = 'user';
let random: () => number = Math.random;
let instanceId = 'instance';

function send(message: FromDriver): void {
  process.send?.(message);
}

/** Records own ops as they land in the local database, and their acks; one fsync per change batch. */
function journal(start: DriverStart, c: BridgeRenderer): void {
  const fd = fs.openSync(start.journalPath, 'a');
  const created = new Set<string>();
  const acked = new Set<string>();
  c.db.ops.changes((ops) => {
    let lines = '';
    for (const op of ops) {
      if (op.instanceId !== start.instanceId) continue;
      if (!created.has(op.id)) {
        created.add(op.id);
        lines += `c ${op.id}\n`;
      }
      if (op.serverSeq != null && !acked.has(op.id)) {
        acked.add(op.id);
        lines += `a ${op.id}\n`;
      }
    }
    if (lines === '') return;
    fs.writeSync(fd, lines);
    fs.fsyncSync(fd);
  });
}

async function edit(c: BridgeRenderer): Promise<void> {
  while (editing) {
    const items = c.ws.getSnapshot().items.filter((item) => !item.conflict);
    const target = items[Math.floor(random() * items.length)];
    try {
      if (target === undefined || random() < 0.35) {
        await c.ws.createItem({ path: `Acme.${user}N${writes}`, kind: 'fn', content: `${user} ${writes}` });
      } else {
        await c.ws.updateContent(target.itemId, `${user} edit ${writes}`);
      }
      writes += 1;
    } catch {
      writeErrors += 1; // e.g. the item went into conflict between the pick and the write
    }
    await new Promise((resolve) => setTimeout(resolve, 40 + Math.floor(random() * 200)));
  }
}

async function settle(c: BridgeRenderer): Promise<FromDriver> {
  try {
    await c.engine.syncNow();
    const unacked = (await c.db.ops.unacknowledged()).length;
    return { type: 'settled', ok: unacked === 0, unacked, opCount: await c.db.ops.count() };
  } catch (err) {
    const unacked = (await c.db.ops.unacknowledged()).length;
    return { type: 'settled', ok: false, unacked, opCount: await c.db.ops.count(), error: String(err) };
  }
}

/** One anti-entropy check of main now (a few tries: the network is still faulty); false if none got through. */
async function compareWithServer(c: BridgeRenderer): Promise<boolean> {
  const ctx = {
    db: c.db,
    remote: bridgeRemoteApi(c.bridge),
    identity: { userName: user, instanceId },
    now: Date.now,
    progress: () => undefined,
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await checkBranch(ctx, 'main');
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}

async function handle(message: ToDriver): Promise<void> {
  if (message.type === 'start') {
    client = await openBridgeRenderer({
      user: message.user,
      port: message.hostPort,
      bridgeKey: message.bridgeKey,
      instanceId: message.instanceId,
      pushDelayMs: 30,
      // Compares often, so the soak would see a false alarm or a real divergence during the chaos too.
      antiEntropyEveryMs: 15_000,
    });
    instanceId = message.instanceId;
    journal(message, client);
    user = message.user;
    random = seededRandom(message.seed);
    return send({ type: 'ready' });
  }
  if (!client) throw new Error(`"${message.type}" before "start"`);
  const c = client;
  if (message.type === 'edit') {
    if (message.on && !editing) {
      editing = true;
      editLoop = edit(c);
    } else if (!message.on) {
      editing = false;
      await editLoop;
    }
    return send({ type: 'ready' });
  }
  if (message.type === 'settle') return send(await settle(c));
  if (message.type === 'report') {
    const antiEntropyChecked = await compareWithServer(c);
    const repairs = (await c.db.meta.get<number>(syncKeys.repairs)) ?? 0;
    const opIds = (await c.db.ops.all()).map((op) => op.id);
    return send({
      type: 'report',
      opIds,
      view: viewContents(c.ws),
      writes,
      writeErrors,
      repairs,
      antiEntropyChecked,
    });
  }
  editing = false;
  await editLoop;
  await c.close();
  // Exit only once the parent has the answer.
  process.send?.({ type: 'closed' } satisfies FromDriver, () => process.exit(0));
}

process.on('message', (message: ToDriver) => {
  handle(message).catch((err: unknown) => send({ type: 'failed', error: String(err) }));
});
