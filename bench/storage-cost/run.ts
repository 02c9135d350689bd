/**
 * `npx tsx bench/storage-cost/run.ts`: what the op log's storage costs per
 * row in headless Chromium (see page.ts). Not a bench row: it explains the
 * cold-pull rows (README, "Our sync engine vs RxDB's replication plugin").
 * Prints milliseconds for 100,000 ops.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium.js';
import type { StorageCostPage } from './page.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = await mkdtemp(path.join(tmpdir(), 'tether-storage-cost-'));
const bundleDir = path.join(dir, 'page');
await build({
  configFile: false,
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: bundleDir,
    emptyOutDir: true,
    lib: {
      entry: path.join(here, 'page.ts'),
      formats: ['iife'],
      name: 'storageCost',
      fileName: () => 'page.js',
    },
  },
});
// IndexedDB needs a real origin: a loopback page that loads the bundle.
const server = createServer((request, response) => {
  const script = request.url === '/page.js';
  response.setHeader('content-type', script ? 'text/javascript' : 'text/html');
  response.end(script ? readFileSync(path.join(bundleDir, 'page.js')) : '<script src="/page.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
  executablePath: chromiumPath(),
  args: chromiumArgs,
});
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const figures = await page.evaluate(() =>
    (window as unknown as { storageCost: StorageCostPage }).storageCost.run(),
  );
  for (const [how, ms] of Object.entries(figures))
    console.log(`${how}: ${Math.round(ms)} ms for 100,000 ops`);
} finally {
  await context.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
}
