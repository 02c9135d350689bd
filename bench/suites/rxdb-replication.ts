/**
 * Tether's own sync engine against RxDB's replication plugin
 * (`replicateRxCollection`), side by side in one run, on the same 100,000
 * ops, in headless Chromium's IndexedDB (RxDB's Dexie storage, as the
 * product stores). Both talk to the same server code on PostgreSQL through
 * the same host bridge (bridge → main's remote client → the server's pull
 * and push routes with the signed-in token). "Ours" is the product itself
 * (product renderer, persistent profile); the plugin runs in a page of the
 * same kind of origin (bench/rxdb-page.ts). Each side gets its own host and
 * profile; each push its own empty server, so neither finds the other's ops.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import WebSocket from 'ws';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium.js';
import { buildProductRenderer, PRODUCT_RENDERER_DIR } from '../../e2e/support/e2e-build.js';
import { freePort, HostProcess } from '../../e2e/support/host-process.js';
import { storedOpCount } from '../../e2e/support/idb.js';
import { bridgeUrl } from '../../src-renderer/bridge/launch-key.js';
import { createWsBridge, type SocketLike, type WsBridge } from '../../src-renderer/bridge/ws-bridge.js';
import type { Bench } from '../harness.js';
import { result } from '../harness.js';
import type { RxdbBenchPage } from '../rxdb-page.js';
import { startSyncServer, type SyncServer } from '../sync-clients.js';
import { loadedServer } from './sync.js';

const ITEMS = 10_000;
/** 100,000: what loadedServer() holds, and the push benches' op set. */
const TOTAL = ITEMS * 10; // bench/rxdb-page.ts makes 10 ops per item
const PUSH_PREFIX = 'p';
const MINUTES = 60_000;
const here = path.dirname(fileURLToPath(import.meta.url));

/** One side's setup: a host signed in as `user` to `server`, and a fresh Chromium profile. */
interface Side {
  host: HostProcess;
  context: BrowserContext;
  origin: string;
  /** The bridge to this host from here (settings and app info, as the tray would ask). */
  bridge: WsBridge;
  close(): Promise<void>;
}

let productBuilt = false;
/** `rendererDir`: the pages the host serves — the product's, or the plugin's bench page. */
async function openSide(server: SyncServer, user: string, rendererDir: string): Promise<Side> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tether-bench-rxdb-'));
  const host = new HostProcess({
    port: await freePort(),
    dataDir: path.join(dir, 'host-data'),
    userName: user,
    extraArgs: ['--server', server.url, '--renderer-dir', rendererDir],
    token: server.tokens.get(user) ?? '',
  });
  await host.start();
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  const origin = new URL(host.url).origin;
  const bridge = createWsBridge({
    url: bridgeUrl(new URL(origin), host.bridgeKey),
    connect: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
  });
  return {
    host,
    context,
    origin,
    bridge,
    close: async () => {
      bridge.close();
      await context.close();
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A side running the product (its renderer, built once per run) or the plugin's bench page. */
async function withSide<T>(
  server: SyncServer,
  user: string,
  app: 'product' | 'plugin',
  run: (side: Side) => Promise<T>,
): Promise<T> {
  if (app === 'product' && !productBuilt) buildProductRenderer();
  productBuilt ||= app === 'product';
  const side = await openSide(server, user, app === 'product' ? PRODUCT_RENDERER_DIR : await pluginPages());
  try {
    return await run(side);
  } finally {
    await side.close();
  }
}

let bundle: Promise<string> | null = null;
/**
 * bench/rxdb-page.ts bundled for the browser (RxDB, the product's storage,
 * schema and bridge) with a page that loads it: the folder the plugin side's
 * host serves, under the same CSP as the product. A page of the host's own
 * address, not one made up by Playwright: Chromium lets only a page loaded
 * from the loopback address open a socket to it (local network access).
 */
function pluginPages(): Promise<string> {
  bundle ??= (async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'tether-bench-rxdb-page-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir,
        emptyOutDir: true,
        lib: {
          entry: path.join(here, '..', 'rxdb-page.ts'),
          formats: ['iife'],
          name: 'tetherBenchPage',
          fileName: () => BUNDLE,
        },
      },
    });
    await writeFile(
      path.join(outDir, 'index.html'),
      `<!doctype html><title>RxDB replication bench</title><script src="./${BUNDLE}"></script>`,
    );
    return outDir;
  })();
  return bundle;
}
const BUNDLE = 'rxdb-page.js';

/** Called by bench/run.ts after the benches: removes the bundled page. */
export async function teardown(): Promise<void> {
  const dir = await bundle?.catch(() => null);
  bundle = null;
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** The plugin side's page: the host's own, with the bench bundle loaded. */
async function pluginPage(side: Side): Promise<Page> {
  const page = await side.context.newPage();
  await page.goto(side.host.url);
  return page;
}

/**
 * A page of the product side's origin (IndexedDB is per origin) with the
 * bench bundle but not the app, to seed the app's database; it opens no
 * socket, so a page Playwright makes up will do.
 */
async function seedingPage(side: Side): Promise<Page> {
  const page = await side.context.newPage();
  await page.route(`${side.origin}/bench-seed`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }),
  );
  await page.goto(`${side.origin}/bench-seed`);
  await page.addScriptTag({ path: path.join(await pluginPages(), BUNDLE) });
  return page;
}

/** The page's bench API (bench/rxdb-page.ts); evaluated functions reach it through `window`. */
type BenchWindow = { tetherBench: RxdbBenchPage };

/** Polls the server until it stores `count` ops; fails early if `failed` rejects. */
async function untilServerHolds(server: SyncServer, count: number, failed?: Promise<unknown>): Promise<void> {
  let failure: unknown = null;
  failed?.catch((error: unknown) => {
    failure = error;
  });
  const end = Date.now() + 20 * MINUTES;
  while ((await server.countOps()) < count) {
    if (failure) throw failure;
    if (Date.now() > end) throw new Error(`the server holds fewer than ${count} ops after 20 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ours, cold pull: a fresh profile opens the app until its database holds all of main's ops. */
async function ourPullMs(server: SyncServer): Promise<number> {
  return withSide(server, 'bob', 'product', async (side) => {
    const page = await side.context.newPage();
    const start = performance.now();
    await page.goto(side.host.url);
    const end = Date.now() + 20 * MINUTES;
    // Polled from here: Playwright's waitForFunction takes a returned promise as a truthy value.
    while ((await storedOpCount(page).catch(() => 0)) < TOTAL) {
      if (Date.now() > end) throw new Error(`the app stored fewer than ${TOTAL} ops in 20 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return performance.now() - start;
  });
}

/** The plugin, cold pull: a fresh profile's page opens its database and pulls main until caught up. */
async function pluginPullMs(server: SyncServer): Promise<number> {
  return withSide(server, 'bob', 'plugin', async (side) => {
    const page = await pluginPage(side);
    const { ms, stored } = await page.evaluate(
      ([name, key]) => (window as unknown as BenchWindow).tetherBench.pull(name, key),
      ['bench-rxdb-plugin', side.host.bridgeKey] as const,
    );
    if (stored !== TOTAL) throw new Error(`the plugin's pull stored ${stored} ops, expected ${TOTAL}`);
    return ms;
  });
}

/**
 * Ours, push: the product's database holds the op set unacknowledged (written
 * in travel mode, as ops made offline), the app is open and has loaded them;
 * timed from turning travel mode off until the server holds every op.
 */
async function ourPushMs(): Promise<number> {
  const server = await startSyncServer('postgres', ['alice']);
  try {
    return await withSide(server, 'alice', 'product', async (side) => {
      await side.bridge.call('travel.set', { on: true });
      const { instanceId } = await side.bridge.call('app.getInfo');
      const seeder = await seedingPage(side);
      const seeded = await seeder.evaluate(
        ([name, prefix, items]) =>
          (window as unknown as BenchWindow).tetherBench.seedTether(name, 'alice', prefix, items),
        [`tether-${instanceId}`, PUSH_PREFIX, ITEMS] as const,
      );
      await seeder.close();
      if (seeded !== TOTAL) throw new Error(`seeded ${seeded} unacknowledged ops, expected ${TOTAL}`);
      const page = await side.context.newPage();
      await page.goto(side.host.url);
      await page
        .getByTestId('list-count')
        .filter({ hasText: ITEMS.toLocaleString('en-US') })
        .waitFor({ timeout: 10 * MINUTES });
      if ((await server.countOps()) !== 0) throw new Error('ops reached the server in travel mode');
      const start = performance.now();
      await side.bridge.call('travel.set', { on: false });
      await untilServerHolds(server, TOTAL);
      return performance.now() - start;
    });
  } finally {
    await server.destroy();
  }
}

/** The plugin, push: its collection holds the same op set; timed from starting the replication until the server holds every op. */
async function pluginPushMs(): Promise<number> {
  const server = await startSyncServer('postgres', ['alice']);
  try {
    return await withSide(server, 'alice', 'plugin', async (side) => {
      const page = await pluginPage(side);
      const seeded = await page.evaluate(
        ([key, prefix, items]) =>
          (window as unknown as BenchWindow).tetherBench.seedPlugin(
            'bench-rxdb-plugin',
            key,
            'alice',
            prefix,
            items,
          ),
        [side.host.bridgeKey, PUSH_PREFIX, ITEMS] as const,
      );
      if (seeded !== TOTAL)
        throw new Error(`seeded ${seeded} ops into the plugin's collection, expected ${TOTAL}`);
      const start = performance.now();
      await page.evaluate(() => (window as unknown as BenchWindow).tetherBench.startPush());
      const pushed = page.evaluate(() => (window as unknown as BenchWindow).tetherBench.pushed());
      await untilServerHolds(server, TOTAL, pushed);
      const ms = performance.now() - start;
      await pushed; // a replication error after the last op landed still fails the row
      return ms;
    });
  } finally {
    await server.destroy();
  }
}

/**
 * Each side twice, in the order ours, plugin, plugin, ours: on a shared
 * machine whose load drifts during the minutes a run takes, both sides carry
 * the drift alike. Our ops/s over the plugin's is the row; the plugin's ops/s
 * its baseline. Every timing goes to stderr.
 */
async function versus(name: string, ours: () => Promise<number>, plugin: () => Promise<number>) {
  const times = { ours: [] as number[], plugin: [] as number[] };
  for (const side of ['ours', 'plugin', 'plugin', 'ours'] as const) {
    const ms = await (side === 'ours' ? ours() : plugin());
    times[side].push(ms);
    process.stderr.write(
      `  ${name}: ${side} ${Math.round(ms)} ms (${Math.round(TOTAL / (ms / 1000))} ops/s)\n`,
    );
  }
  const opsPerSecond = (ms: number[]) => (TOTAL * ms.length) / (ms.reduce((a, b) => a + b, 0) / 1000);
  const ratio = opsPerSecond(times.ours) / opsPerSecond(times.plugin);
  return result({
    name,
    value: ratio,
    unit: 'ratio',
    baseline: opsPerSecond(times.plugin),
    ratio,
    target: 'ratio >= 2',
  });
}

export const benches: Bench[] = [
  {
    name: 'sync.push.vs-rxdb.100k',
    run: () => versus('sync.push.vs-rxdb.100k', ourPushMs, pluginPushMs),
  },
  {
    name: 'sync.pull.vs-rxdb.100k',
    run: async () => {
      const server = await loadedServer();
      return versus(
        'sync.pull.vs-rxdb.100k',
        () => ourPullMs(server),
        () => pluginPullMs(server),
      );
    },
  },
];
