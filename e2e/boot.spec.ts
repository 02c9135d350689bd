import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newBranch, openItem, switchBranch } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { waitForBootView } from './support/idb';
import { itemLine } from './support/op-lines';
import { ServerProcess } from './support/server-process';

/**
 * Start-up from the boot view in Chromium: carol's items reach alice, who
 * reloads. The list comes back from the stored heads, an item's older
 * versions are read when she opens its History, and a branch switch (which
 * needs the whole log) still shows every item.
 */
let server: ServerProcess;
let serverDir: string;
const tokens: Record<string, string> = {};
const test = connectedTest(() => ({ url: server.url, tokens }));
const VERSIONS = 4;
const NAMES = ['rates', 'tiers', 'zones'];

test.beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-boot-server-'));
  server = new ServerProcess(serverDir, await freePort());
  await server.start();
  tokens.alice = await server.userWithToken('alice');
  const carol = await server.userWithToken('carol');
  const push = await fetch(new URL('/v1/ops/push', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${carol}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ops: NAMES.flatMap(carolsItem) }),
  });
  expect(push.ok).toBe(true);
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

test('after a reload the list comes from the boot view and History reads the older versions', async ({
  connected,
}) => {
  test.setTimeout(120_000);
  const alice = await connected('alice');
  const page = alice.page;
  const rows = page.locator('[data-testid^="item-row-"]');
  const entries = page.getByTestId('history-entry');
  await expect(rows).toHaveCount(NAMES.length);
  // The boot view is taken once the app is quiet: one head per item.
  await waitForBootView(page, NAMES.length, 30_000);

  await alice.reload();
  await expect(rows).toHaveCount(NAMES.length);
  await expect(page.getByTestId('list-count')).toHaveText(/3 items/);
  await openItem(page, 'Acme.Pricing.tiers');
  await page.getByTestId('editor-tab-history').click();
  await expect(entries).toHaveCount(VERSIONS);
  await expect(entries.last()).toHaveAttribute('data-op-type', 'create');

  // A branch sees main as it was: its view is built from the whole log.
  await newBranch(page, 'pricing-review');
  await expect(rows).toHaveCount(NAMES.length);
  await openItem(page, 'Acme.Pricing.zones');
  await page.getByTestId('editor-tab-history').click();
  await expect(entries).toHaveCount(VERSIONS);
  await switchBranch(page, 'main');
  await expect(rows).toHaveCount(NAMES.length);
  await expect(page.locator('[data-tone="error"]')).toHaveCount(0);
});

/** One item by carol: a create and VERSIONS - 1 edits. */
function carolsItem(name: string) {
  return itemLine({
    idPrefix: `e2e-boot-${name}`,
    path: `Acme.Pricing.${name}`,
    author: 'carol',
    instanceId: 'inst-carol-01',
    versions: VERSIONS,
    startAgoMs: 86_400_000 - name.length * 60_000,
    content: (n) => `export const ${name} = ${n};\n`,
  });
}
