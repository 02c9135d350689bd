import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { newItem, screenshot } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';

/**
 * Two tabs of one profile (one Chromium profile, one host): one tab runs sync,
 * the other shows its state; closing the leading tab hands sync to the other.
 */
let server: ServerProcess;
let serverDir: string;
const tokens: Record<string, string> = {};
const test = connectedTest(() => ({ url: server.url, tokens }));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-leader-server-'));
  server = new ServerProcess(serverDir, await freePort());
  await server.start();
  tokens.alice = await server.userWithToken('alice');
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

/** The paths of main's ops the server holds for alice. */
async function serverPaths(): Promise<string[]> {
  const res = await fetch(new URL('/v1/ops/pull?branch=main&since=0&limit=1000', server.url), {
    headers: { authorization: `Bearer ${tokens.alice}` },
  });
  const body = (await res.json()) as { ops: { path: string }[] };
  return body.ops.map((op) => op.path);
}

async function syncRole(page: Page): Promise<string> {
  await page.getByTestId('status-bar').click();
  const role = (await page.getByTestId('status-sync-role').textContent()) ?? '';
  await page.getByTestId('status-bar').click();
  return role;
}

test('the leading tab closes and the other takes over sync', async ({ connected }) => {
  const alice = await connected('alice');
  const first = alice.page;
  const second = await alice.context.newPage();
  await second.goto(alice.host.url);
  await second.getByTestId('app').waitFor({ state: 'attached', timeout: 30_000 });
  // The follower shows the leader's state, read from the database: synced, with its last sync.
  await expect(second.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
  expect(await syncRole(first)).toBe('This tab');
  await second.getByTestId('status-bar').click();
  await expect(second.getByTestId('status-sync-role')).toContainText('Another Tether tab');
  await screenshot(second, 'sync-leader-follower-popover');
  await second.getByTestId('status-bar').click();

  // A write in the follower is sent by the leader.
  await newItem(second, 'Acme', 'fromFollower');
  await expect.poll(serverPaths, { timeout: 20_000 }).toContain('Acme.fromFollower');

  // (Page.crash would take the other tab down too: Chromium gives both one renderer process.)
  await first.close();
  await expect.poll(() => syncRole(second), { timeout: 15_000 }).toBe('This tab');
  await newItem(second, 'Acme', 'afterTakeover');
  await expect.poll(serverPaths, { timeout: 20_000 }).toContain('Acme.afterTakeover');
  await expect(second.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
});
