import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { openTetherDb } from '../db/index.js';
import type { Workspace } from './workspace.js';

/** What the test page puts on `window` (types only; the code runs in the browser). */
type TabWindow = {
  tether: { openTetherDb: typeof openTetherDb; Workspace: typeof Workspace };
  ws: Workspace;
};

/**
 * Two browser tabs on one real IndexedDB (Chromium): RxDB refuses to open the
 * same database twice in one JavaScript context, so a second tab can only be
 * tested in a real browser. The page bundles the real db + workspace modules.
 */
const CHROMIUM = '/usr/bin/chromium';
const here = fileURLToPath(new URL('.', import.meta.url));
let dir = '';
let server: Server;
let browser: Browser;
let url = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tether-tabs-'));
  writeFileSync(
    join(dir, 'entry.ts'),
    [
      `import { openTetherDb } from ${JSON.stringify(resolve(here, '../db/index.ts'))};`,
      `import { Workspace } from ${JSON.stringify(resolve(here, './workspace.ts'))};`,
      `(window as any).tether = { openTetherDb, Workspace };`,
    ].join('\n'),
  );
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="./entry.ts"></script>');
  await build({
    root: dir,
    base: './',
    configFile: false,
    logLevel: 'silent',
    build: { outDir: join(dir, 'out'), emptyOutDir: true, minify: false },
  });
  server = createServer((req, res) => {
    const file = join(dir, 'out', req.url === '/' ? 'index.html' : (req.url ?? ''));
    if (!existsSync(file)) return void res.writeHead(404).end();
    const type = extname(file) === '.js' ? 'text/javascript' : 'text/html';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  rmSync(dir, { recursive: true, force: true });
});

async function openTab(page: Page, instanceId: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => 'tether' in window);
  await page.evaluate(async (id) => {
    const { openTetherDb, Workspace } = (window as unknown as TabWindow).tether;
    const db = await openTetherDb({ name: 'tabs' });
    (window as unknown as TabWindow).ws = await Workspace.open({
      db,
      identity: { userName: 'ada', instanceId: id },
    });
  }, instanceId);
}

describe('two tabs on one database (Chromium)', () => {
  it("shows one tab's edits in the other through the change stream", async () => {
    const context = await browser.newContext();
    const [first, second] = [await context.newPage(), await context.newPage()];
    await openTab(first, 'tab-one-0001');
    await openTab(second, 'tab-two-0002');

    const itemId = await first.evaluate(async () => {
      const item = await (window as unknown as TabWindow).ws.createItem({
        path: 'Acme.a',
        kind: 'fn',
        content: 'hi',
      });
      return item.itemId as string;
    });
    await second.waitForFunction(
      (id) => (window as unknown as TabWindow).ws.item(id)?.content === 'hi',
      itemId,
    );

    await second.evaluate(
      (id) => (window as unknown as TabWindow).ws.updateContent(id, 'edited in tab two'),
      itemId,
    );
    await first.waitForFunction(
      (id) => (window as unknown as TabWindow).ws.item(id)?.content === 'edited in tab two',
      itemId,
    );
    const paths = await first.evaluate(() =>
      (window as unknown as TabWindow).ws.getSnapshot().items.map((i) => i.path),
    );
    expect(paths).toEqual(['Acme.a']);
    await context.close();
  });
});
