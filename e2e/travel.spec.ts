import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { newItem, openItem, setContent } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';

/**
 * Travel mode end to end: the real host and a real server. Alice goes into
 * travel mode (choosing what to keep offline), edits, restarts her host
 * (travel mode holds, nothing reaches the server), comes back, and watches
 * the status bar, the in-page tray and the notifications through the sync.
 * Then her account is suspended: the server's message, and her work stays.
 */
let server: ServerProcess;
let serverDir: string;
const tokens: Record<string, string> = {};
const test = connectedTest(() => ({ url: server.url, tokens }));
const SHOTS = path.join('docs', 'screenshots');

test.beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-travel-server-'));
  server = new ServerProcess(serverDir, await freePort());
  await server.start();
  tokens.alice = await server.userWithToken('alice');
  await mkdir(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

async function admin(route: string): Promise<void> {
  const res = await fetch(new URL(route, server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
}

/** What the server holds on main, as alice sees it. */
async function serverContents(): Promise<string> {
  const res = await fetch(new URL('/v1/ops/pull?branch=main&limit=500', server.url), {
    headers: { authorization: `Bearer ${tokens.alice}` },
  });
  return res.text();
}

const footer = (page: Page): Locator => page.locator('footer.status-bar-wrap');

async function shotStatusBar(page: Page, name: string): Promise<void> {
  await footer(page).screenshot({ path: path.join(SHOTS, `status-bar-${name}.png`) });
}

/** The in-page tray with its menu open: icon, tooltip text and menu, bottom-right of the window. */
async function shotTray(page: Page, name: string): Promise<void> {
  await page.getByTestId('tray-standin').click();
  await expect(page.getByTestId('tray-menu')).toBeVisible();
  const box = (await page.getByTestId('tray-menu').boundingBox())!;
  const size = page.viewportSize()!;
  const x = Math.max(0, box.x - 40);
  await page.screenshot({
    path: path.join(SHOTS, `tray-${name}.png`),
    clip: { x, y: box.y - 10, width: size.width - x, height: size.height - box.y + 10 },
  });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tray-menu')).toBeHidden();
}

test('travel mode: choose, edit offline, survive a restart, come back and sync', async ({ connected }) => {
  test.setTimeout(120_000);
  const alice = await connected('alice');
  const page = alice.page;
  const bar = page.getByTestId('status-bar');

  await newItem(page, 'Acme', 'note');
  await setContent(page, 'before travel');
  await expect(bar).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(page.getByTestId('status-last-synced-line')).toHaveText(/^Last synced: just now$/);
  await expect(page.getByTestId('tray-standin')).toHaveAttribute('data-icon', 'synced');
  await shotStatusBar(page, 'synced');
  await shotTray(page, 'synced');

  // The switch asks first: which namespaces to keep, and whether they are complete.
  await page.getByTestId('travel-switch').click();
  const dialog = page.getByTestId('dialog-travel');
  await expect(dialog).toBeVisible();
  const acme = dialog.getByTestId('travel-namespace').filter({ hasText: 'Acme' });
  await expect(acme).toHaveAttribute('data-complete', 'true');
  await expect(acme).toContainText('complete history on this computer');
  await expect(page.getByTestId('travel-keep-Acme')).toBeChecked();
  await expect(page.getByTestId('travel-ready')).toBeVisible();
  await dialog.screenshot({ path: path.join(SHOTS, 'travel-dialog.png') });
  await page.getByTestId('travel-confirm').click();
  await expect(dialog).toBeHidden();

  // Offline is a state, not an error: the bar says so, no error toast.
  await expect(bar).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('status-message')).toHaveText(/^Travel mode — sync paused/);
  await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('tray-standin')).toHaveAttribute('data-icon', 'offline');

  await openItem(page, 'Acme.note');
  await setContent(page, 'written on the plane');
  await newItem(page, 'Acme', 'plane');
  await expect(page.getByTestId('status-message')).toHaveText(
    /Travel mode — sync paused — \d+ changes? waiting/,
  );
  await expect(page.locator('[data-tone="error"]')).toHaveCount(0);
  await shotStatusBar(page, 'offline-travel');
  await shotTray(page, 'offline-travel');

  // A host restart keeps travel mode: still paused, and the server never heard a thing.
  await alice.restartHost();
  await expect(bar).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await expect(page.getByTestId('status-message')).toHaveText(/^Travel mode — sync paused/);
  await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'true');
  await page.waitForTimeout(1_500); // time for any stray request to land
  const during = await serverContents();
  expect(during).toContain('before travel');
  expect(during).not.toContain('written on the plane');

  // Back: switched off from the in-page tray; the sync runs and is announced, then completes.
  await page.getByTestId('tray-standin').click();
  await expect(page.getByTestId('tray-travel')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('tray-travel').click();
  await expect(bar).toHaveAttribute('data-state', 'syncing', { timeout: 10_000 });
  await shotStatusBar(page, 'syncing');
  // "Syncing N changes…" — or already its replacement, on a fast machine.
  await expect(page.getByTestId('notify-sync-progress')).toContainText(/Syncing \d+ changes?…|Sync complete/);
  await expect(bar).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  const complete = page.getByTestId('notify-sync-progress');
  await expect(complete).toContainText('Sync complete.');
  // Coalesced: "Sync complete" replaced "Syncing…" and the engine's own summary toast.
  await expect(page.getByTestId('sync-summary')).toHaveCount(0);
  await page.locator('.toasts').screenshot({ path: path.join(SHOTS, 'notification-sync-complete.png') });
  await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'false');
  await expect.poll(serverContents, { timeout: 10_000 }).toContain('written on the plane');
});

test('no server: the tray’s Travel mode opens the dialog and switches travel mode on and off', async ({
  app,
}) => {
  const page = app.page;
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'local-only');
  await expect(page.getByTestId('travel-switch')).toHaveCount(0); // the bar's switch needs a server
  await newItem(page, 'Acme', 'local');

  await page.getByTestId('tray-standin').click();
  await expect(page.getByTestId('tray-travel')).toHaveAttribute('aria-checked', 'false');
  await page.getByTestId('tray-travel').click();
  const dialog = page.getByTestId('dialog-travel');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('travel-no-server')).toContainText('No server is set up');
  await expect(page.getByTestId('travel-keep-Acme')).toBeChecked();
  await dialog.screenshot({ path: path.join(SHOTS, 'travel-dialog-no-server.png') });
  await page.getByTestId('travel-confirm').click();
  await expect(dialog).toBeHidden();

  // On: the tray is checked and the bar shows the switch, so it can be seen and switched off there too.
  await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'true');
  await shotStatusBar(page, 'local-only-travel');
  await shotTray(page, 'local-only-travel');
  await page.getByTestId('tray-standin').click();
  await expect(page.getByTestId('tray-travel')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('tray-travel').click();
  await expect(page.getByTestId('travel-switch')).toHaveCount(0);
  await page.getByTestId('tray-standin').click();
  await expect(page.getByTestId('tray-travel')).toHaveAttribute('aria-checked', 'false');
});

test('account suspended: the server says why, work stays, and can be exported', async ({ connected }) => {
  test.setTimeout(90_000);
  const alice = await connected('alice');
  const page = alice.page;
  const bar = page.getByTestId('status-bar');
  await newItem(page, 'Acme', 'kept');
  await expect(bar).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

  await admin('/admin/v1/users/alice/suspend');
  try {
    await openItem(page, 'Acme.kept');
    await setContent(page, 'written while suspended');
    await expect(bar).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
    await expect(page.getByTestId('status-message')).toContainText('Account suspended');
    await expect(page.getByTestId('tray-standin')).toHaveAttribute('data-icon', 'failed');
    const failure = page.getByTestId('notify-sync-failed');
    await expect(failure).toContainText('Account suspended');
    await expect(failure.getByTestId('toast-action')).toHaveText(['Retry', 'View details']);
    await shotStatusBar(page, 'failed');
    await page.screenshot({ path: path.join(SHOTS, 'notification-sync-failed.png') });
    await shotTray(page, 'failed');

    // View details: the server's message, the local work intact, and the export.
    await failure.getByTestId('toast-action').filter({ hasText: 'View details' }).click();
    const refused = page.getByTestId('account-refused');
    await expect(refused).toBeVisible();
    await expect(page.getByTestId('account-refused-reason')).toContainText('Account suspended');
    await expect(page.getByTestId('editor-content')).toContainText('written while suspended');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-local-work').click();
    const file = await download;
    const saved = await file.path();
    const text = await readFile(saved, 'utf8');
    expect(text).toContain('written while suspended');
    await expect(page.getByTestId('export-local-work-result')).toContainText('Saved as');
    await page.getByTestId('status-popover').screenshot({ path: path.join(SHOTS, 'account-refused.png') });
  } finally {
    await admin('/admin/v1/users/alice/unsuspend');
  }
});

test('sync strategy: manual waits for Sync now, and the choice survives a restart', async ({ connected }) => {
  test.setTimeout(90_000);
  const alice = await connected('alice');
  const page = alice.page;
  await page.keyboard.press('ControlOrMeta+,');
  await expect(page.getByTestId('dialog-settings')).toBeVisible();
  await page.getByTestId('settings-sync-manual').click();
  await expect(page.getByTestId('settings-sync-manual')).toBeChecked();
  await page
    .getByTestId('dialog-settings')
    .screenshot({ path: path.join(SHOTS, 'settings-sync-strategy.png') });
  await page.getByTestId('dialog-done').click();

  await newItem(page, 'Acme', 'manual');
  await page.waitForTimeout(1_500);
  expect(await serverContents()).not.toContain('Acme.manual');
  await expect(page.getByTestId('status-message')).toHaveText('1 change waiting until you choose Sync now');
  await shotStatusBar(page, 'manual-waiting');
  await expect(page.getByTestId('tray-standin')).toHaveAttribute('data-icon', 'syncing');
  await shotTray(page, 'syncing-manual-waiting');

  await alice.restartHost();
  await page.keyboard.press('ControlOrMeta+,');
  await expect(page.getByTestId('settings-sync-manual')).toBeChecked();
  await page.getByTestId('dialog-done').click();
  expect(await serverContents()).not.toContain('Acme.manual');

  await page.getByTestId('tray-standin').click();
  await page.getByTestId('tray-sync-now').click();
  await expect.poll(serverContents, { timeout: 10_000 }).toContain('Acme.manual');
});

test('an unreadable local database: export what can be read, then start over from the server', async ({
  connected,
}) => {
  test.setTimeout(90_000);
  const alice = await connected('alice');
  const page = alice.page;
  await newItem(page, 'Acme', 'onserver');
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  // Travel mode keeps the next edit local, so the export has unsynced work to save.
  await page.getByTestId('travel-switch').click();
  await page.getByTestId('travel-confirm').click();
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'offline');
  await newItem(page, 'Acme', 'localonly');

  // Damage on disk: a row in the op store that is not an op.
  await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs
      .map((d) => d.name ?? '')
      .find((n) => n.startsWith('rxdb-dexie-tether-') && n.endsWith('--ops'));
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name!);
      open.onsuccess = () => {
        const tx = open.result.transaction('docs', 'readwrite');
        tx.objectStore('docs').put({ id: 'damaged', itemId: 42, serverSeq: 0, _deleted: '0' });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
  });
  await page.reload();
  await expect(page.getByTestId('boot-error')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('database-recovery')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('recovery-export').click();
  const text = await readFile(await (await download).path(), 'utf8');
  expect(text).toContain('Acme.localonly');
  expect(text).not.toContain('Acme.onserver'); // already on the server: not part of "my local work"
  await expect(page.getByTestId('recovery-note')).toContainText('1 damaged row could not be read');
  await page.screenshot({ path: path.join(SHOTS, 'database-recovery.png') });

  await page.getByTestId('recovery-start-over').click();
  await page.getByTestId('app').waitFor({ state: 'attached', timeout: 30_000 });
  // Travel mode is main's, so it still holds: switch it off and the fresh client fills from the server.
  await page.getByTestId('travel-switch').click();
  await expect(page.getByTestId('item-row-Acme.onserver')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('item-row-Acme.localonly')).toHaveCount(0);
});
