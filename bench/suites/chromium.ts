/**
 * Benches in real headless Chromium (Debian's, through Playwright): the
 * product renderer served by the real headless host, signed in to a real
 * server on PostgreSQL, storing into Chromium's own IndexedDB on disk (a
 * persistent profile) — not fake-indexeddb as the Node benches do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium.js';
import { buildProductRenderer, PRODUCT_RENDERER_DIR } from '../../e2e/support/e2e-build.js';
import { freePort, HostProcess } from '../../e2e/support/host-process.js';
import { storedOpCount, waitForBootView } from '../../e2e/support/idb.js';
import type { Op } from '../../src-shared/model/index.js';
import { MAX_PUSH_OPS } from '../../src-shared/sync-protocol/index.js';
import type { Bench } from '../harness.js';
import { result, throughput } from '../harness.js';
import { itemOps } from '../op-sets.js';
import { startSyncServer, type SyncServer } from '../sync-clients.js';
import { loadedServer, rawPages, remoteFor } from './sync.js';

const COLD_OPS = 100_000; // what loadedServer() holds: 10,000 items × 10 ops
const BOOT_ITEMS = 100_000;
const BOOT_OPS = 300_000; // 3 ops per item
const closers: (() => Promise<void>)[] = [];

export async function teardown(): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
}

let built = false;
/** bob's Tether in browser mode: a host signed in to `server`, and a Chromium profile on disk. */
async function openTether(server: SyncServer): Promise<{ page: Page; context: BrowserContext; url: string }> {
  if (!built) buildProductRenderer();
  built = true;
  const dir = await mkdtemp(path.join(tmpdir(), 'tether-bench-chromium-'));
  const host = new HostProcess({
    port: await freePort(),
    dataDir: path.join(dir, 'host-data'),
    userName: 'bob',
    extraArgs: ['--server', server.url, '--renderer-dir', PRODUCT_RENDERER_DIR],
    token: server.tokens.get('bob') ?? '',
  });
  await host.start();
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  closers.push(async () => {
    await context.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, context, url: host.url };
}

/** Waits until the page's op log (op rows and history pages) holds `count` ops. */
async function waitForStoredOps(page: Page, count: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  // Polled from here: Playwright's waitForFunction takes a returned promise as a truthy value.
  while ((await storedOps(page).catch(() => 0)) < count) {
    if (Date.now() > end) throw new Error(`the page stored fewer than ${count} ops in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function storedOps(page: Page): Promise<number> {
  return storedOpCount(page);
}

/** Baseline: the same ops put with raw Dexie (`bulkPut`, one call per pulled page) in the same browser. */
async function rawDexieMs(context: BrowserContext, origin: string, pages: Op[][]): Promise<number> {
  const page = await context.newPage();
  // A blank page of the app's origin (IndexedDB needs one), without the app running in it.
  await page.route(`${origin}/bench-blank`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<p>bench</p>' }),
  );
  await page.goto(`${origin}/bench-blank`);
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('dexie/dist/dexie.js') });
  const ms = await page.evaluate(async (all) => {
    type Table = { bulkPut(rows: unknown[]): Promise<unknown>; count(): Promise<number> };
    type Db = {
      version(n: number): { stores(s: Record<string, string>): void };
      open(): Promise<void>;
      close(): void;
      ops: Table;
    };
    const Dexie = (window as unknown as { Dexie: new (name: string) => Db }).Dexie;
    const db = new Dexie('bench-raw-dexie');
    db.version(1).stores({ ops: 'id' });
    await db.open();
    const start = performance.now();
    for (const rows of all) await db.ops.bulkPut(rows);
    const elapsed = performance.now() - start;
    if ((await db.ops.count()) !== all.reduce((n, rows) => n + rows.length, 0))
      throw new Error('raw Dexie lost rows');
    db.close();
    return elapsed;
  }, pages);
  await page.close();
  return ms;
}

/** A server holding 100,000 items of 3 ops each (pushed by alice), for the boot benches. */
let bootServer: Promise<SyncServer> | null = null;
function serverForBoot(): Promise<SyncServer> {
  bootServer ??= (async () => {
    const server = await startSyncServer('postgres', ['alice', 'bob']);
    closers.unshift(() => server.destroy());
    const remote = remoteFor(server, 'alice');
    const ops = itemOps('alice', 'boot', BOOT_ITEMS, BOOT_OPS / BOOT_ITEMS);
    for (let i = 0; i < ops.length; i += MAX_PUSH_OPS) await remote.pushOps(ops.slice(i, i + MAX_PUSH_OPS));
    return server;
  })();
  return bootServer;
}

/** Reload of a synced profile of 100k items / 300k ops until the list shows them; heap after. */
let booted: Promise<{ ms: number; heapMb: number }> | null = null;
function bootFigures(): Promise<{ ms: number; heapMb: number }> {
  booted ??= (async () => {
    const server = await serverForBoot();
    const { page, context, url } = await openTether(server);
    await page.goto(url);
    await waitForStoredOps(page, BOOT_OPS, 1_800_000);
    await usableList(page, 600_000);
    // A profile at rest: the workspace has stored its boot view of every item (a quiet moment after the pull).
    await waitForBootView(page, BOOT_ITEMS, 300_000);
    // The history fill after the heads-first pull wrote older ops after an early record: the
    // workspace takes it again within a minute of the last write (BootViewKeeper), then reload.
    await new Promise((resolve) => setTimeout(resolve, 70_000));
    const start = performance.now();
    await page.reload();
    await usableList(page, 600_000);
    const ms = performance.now() - start;
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return { ms, heapMb: heap.usedSize / (1024 * 1024) };
  })();
  return booted;
}

/** The list is usable: it counts every item and shows rows. */
async function usableList(page: Page, timeoutMs: number): Promise<void> {
  await page
    .getByTestId('list-count')
    .filter({ hasText: BOOT_ITEMS.toLocaleString('en-US') })
    .waitFor({ timeout: timeoutMs });
  await page.locator('[data-testid^="item-row-"]').first().waitFor({ timeout: timeoutMs });
}

export const benches: Bench[] = [
  {
    name: 'sync.pull.cold.100k.chromium',
    run: async () => {
      const server = await loadedServer();
      const { page, context, url } = await openTether(server);
      const start = performance.now();
      await page.goto(url);
      await waitForStoredOps(page, COLD_OPS, 1_200_000);
      const ms = performance.now() - start;
      const baselineMs = await rawDexieMs(context, new URL(url).origin, await rawPages(server));
      return throughput('sync.pull.cold.100k.chromium', COLD_OPS, ms, baselineMs, 'ratio >= 0.5');
    },
  },
  {
    name: 'app.boot.100k.chromium',
    run: async () => {
      const { ms } = await bootFigures();
      return result({
        name: 'app.boot.100k.chromium',
        value: ms,
        unit: 'ms',
        baseline: null,
        target: '< 1500 ms',
      });
    },
  },
  {
    name: 'app.heap.100k.chromium',
    run: async () => {
      const { heapMb } = await bootFigures();
      return result({
        name: 'app.heap.100k.chromium',
        value: heapMb,
        unit: 'MB',
        baseline: null,
        target: '< 300 MB',
      });
    },
  },
];
