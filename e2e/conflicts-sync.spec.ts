import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { newItem, openItem, setContent } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';

/**
 * The real thing: Alice and Bob, each with a host and a Chromium profile,
 * edit the same item while the server is away; when it is back both syncs
 * complete (nothing blocks), both see the conflict, Alice resolves it and
 * Bob receives the resolution.
 */
let server: ServerProcess;
let serverDir: string;
const tokens: Record<string, string> = {};

const test = connectedTest(() => ({ url: server.url, tokens }));

test.beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-conflicts-server-'));
  server = new ServerProcess(serverDir, await freePort());
  await server.start();
  tokens.alice = await server.userWithToken('alice');
  tokens.bob = await server.userWithToken('bob');
  const res = await fetch(new URL('/admin/v1/namespaces/Acme/owners', server.url), {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ owners: ['alice', 'bob'] }),
  });
  if (!res.ok) throw new Error(`setOwners failed (${res.status})`);
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

/** "Sync now" from the status bar's details. */
async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('status-bar').click();
  await page.getByTestId('status-sync-now').click();
  await expect(page.getByTestId('sync-summary')).toContainText('Synced main', { timeout: 20_000 });
  await page.keyboard.press('Escape');
}

test.setTimeout(150_000);

test('two people edit offline; both see the conflict after sync; one resolves it for both', async ({
  connected,
}) => {
  const alice = await connected('alice');
  const bob = await connected('bob');
  const A = alice.page;
  const B = bob.page;
  await newItem(A, 'Acme.Shared', 'rate', 'value');
  await setContent(A, 'one\ntwo\nthree');
  await openItem(B, 'Acme.Shared.rate');
  await expect.poll(() => B.getByTestId('editor-content').innerText(), { timeout: 5_000 }).toContain('three');

  await server.stop();
  try {
    await openItem(A, 'Acme.Shared.rate');
    await setContent(A, 'one\nTWO (alice)\nthree');
    await setContent(B, 'one\nTWO (bob)\nthree');
  } finally {
    await server.start();
  }
  for (const page of [A, B]) {
    await syncNow(page);
    await expect(page.getByTestId('open-conflicts')).toHaveText(/Conflicts \(1\)/, { timeout: 20_000 });
  }
  await A.getByTestId('open-conflicts').click();
  await A.getByTestId('conflict-row-Acme.Shared.rate').locator('.inbox-open').click();
  await A.getByTestId('take-both-local-first-1').click();
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);
  await syncNow(A);
  await syncNow(B);
  await expect(B.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/, { timeout: 20_000 });
  await openItem(B, 'Acme.Shared.rate');
  await expect.poll(() => B.getByTestId('editor-content').innerText()).toContain('TWO (alice)\nTWO (bob)');
});
