import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeHlc } from '../src-shared/clock/hlc';
import type { OpBody } from '../src-shared/model/index';
import { openItem } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';

/**
 * Storage limits end to end: carol wrote the history of two items; alice
 * frees up space (their older versions leave her computer), opens one in
 * travel mode (history not available offline, said once, in place), and
 * comes back online (the history downloads again).
 */
let server: ServerProcess;
let serverDir: string;
const tokens: Record<string, string> = {};
const test = connectedTest(() => ({ url: server.url, tokens }));
const SHOTS = path.join('docs', 'screenshots');
const VERSIONS = 4;

test.beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-eviction-server-'));
  server = new ServerProcess(serverDir, await freePort());
  await server.start();
  tokens.alice = await server.userWithToken('alice');
  const carol = await server.userWithToken('carol');
  const res = await fetch(new URL('/admin/v1/namespaces/Acme/owners', server.url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ owners: ['alice', 'carol'] }),
  });
  expect(res.ok).toBe(true);
  const push = await fetch(new URL('/v1/ops/push', server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${carol}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ops: [...carolsItem('rates'), ...carolsItem('tiers')] }),
  });
  expect(push.ok).toBe(true);
  await mkdir(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

test('free up space, then history offline and back online', async ({ connected }) => {
  test.setTimeout(120_000);
  const alice = await connected('alice');
  const page = alice.page;
  const entries = page.getByTestId('history-entry');

  await openItem(page, 'Acme.Pricing.rates');
  await page.getByTestId('editor-tab-history').click();
  await expect(entries).toHaveCount(VERSIONS, { timeout: 20_000 }); // the history fill is done
  await page.getByTestId('editor-tab-content').click();

  // Free up space from the travel dialog, keeping nothing offline.
  await page.getByTestId('travel-switch').click();
  const dialog = page.getByTestId('dialog-travel');
  await page.getByTestId('travel-keep-Acme').uncheck();
  await page.getByTestId('free-up-space-run').click();
  await expect(page.getByTestId('free-up-space-result')).toHaveText(
    /^Freed < 0\.1 MB from the history of 2 items\. It downloads again when you open it\.$/,
  );
  // Acme is no longer complete offline: keeping it would download the history first.
  await expect(dialog.getByTestId('travel-namespace').filter({ hasText: 'Acme' })).toContainText(
    'older history of 2 items removed to free space',
  );
  await dialog.screenshot({ path: path.join(SHOTS, 'storage-free-up-space.png') });

  // Travel mode: no network. The item is here and editable; its older history is not.
  await page.getByTestId('travel-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'offline');
  await page.getByTestId('editor-tab-history').click();
  const note = page.getByTestId('history-evicted');
  await expect(note).toHaveAttribute('data-state', 'offline');
  await expect(note).toContainText('History is not available offline for this item');
  await expect(entries).toHaveCount(1);
  await expect(page.locator('[data-tone="error"]')).toHaveCount(0);
  await page.getByTestId('editor').screenshot({ path: path.join(SHOTS, 'history-evicted-offline.png') });

  // Back online: the history downloads by itself and the note goes.
  await page.getByTestId('travel-switch').click();
  await expect(entries).toHaveCount(VERSIONS, { timeout: 20_000 });
  await expect(note).toBeHidden();
  await page.getByTestId('editor').screenshot({ path: path.join(SHOTS, 'history-evicted-fetched.png') });
});

/** One item by carol: a create and VERSIONS - 1 edits. */
function carolsItem(name: string): OpBody[] {
  const ops: OpBody[] = [];
  let wall = Date.now() - 3 * 86_400_000 + name.length * 60_000;
  let parent: string | null = null;
  for (let n = 0; n < VERSIONS; n++) {
    const id = `e2e-${name}-op-${n}`;
    ops.push({
      id,
      itemId: `e2e-item-${name}`,
      branchId: 'main',
      type: n === 0 ? 'create' : 'update',
      path: `Acme.Pricing.${name}`,
      kind: 'value',
      content: `export const ${name} = [${Array.from({ length: n + 1 }, (_, i) => (i + 1) * 10).join(', ')}];\n`,
      parents: parent ? [parent] : [],
      author: 'carol',
      instanceId: 'inst-carol-01',
      hlc: encodeHlc({ wall: (wall += 3_600_000), counter: 0, node: 'inst-carol-01' }),
    });
    parent = id;
  }
  return ops;
}
