import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editorText, newBranch, newItem, openItem, setContent } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';
import { startFaultProxy, type FaultProxy } from '../src-server/testing/fault-proxy';

/**
 * Sync through a real server between two people, each with their own host
 * process and Chromium profile, signed in with --server/--token. Alice and
 * Bob both own Acme, so their ops are approved and visible to each other.
 * The hosts reach the server through a loopback proxy, so a test can take
 * the network away and give it back at once: stopping and starting the
 * server process instead (tsx and PGlite booting again) took tens of seconds
 * on a loaded machine and ran tests past their time limit.
 */
let server: ServerProcess;
let serverDir: string;
let serverPort: number;
let network: FaultProxy;
const tokens: Record<string, string> = {};

const test = connectedTest(() => ({ url: network.url, tokens }));

/** The server cannot be reached: new connections are closed at once and open ones (the live stream) cut. */
function cutNetwork(): void {
  network.setRates({ drop: 1 });
  network.cutAll();
}

function restoreNetwork(): void {
  network.setRates({ drop: 0 });
}

async function setOwners(namespace: string, owners: string[]): Promise<void> {
  const res = await fetch(
    new URL(`/admin/v1/namespaces/${encodeURIComponent(namespace)}/owners`, server.url),
    {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owners }),
    },
  );
  if (!res.ok) throw new Error(`setOwners failed (${res.status}): ${await res.text()}`);
}

test.beforeAll(async () => {
  // Booting the server (tsx, then PGlite) took over a minute on a loaded two-core machine.
  test.setTimeout(180_000);
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-sync-server-'));
  // A fixed port, so the server can come back where the hosts look for it.
  serverPort = await freePort();
  server = new ServerProcess(serverDir, serverPort);
  await server.start();
  network = await startFaultProxy({ targetPort: serverPort, seed: 18 });
  tokens.alice = await server.userWithToken('alice');
  tokens.bob = await server.userWithToken('bob');
  await setOwners('Acme', ['alice', 'bob']);
});

test.afterAll(async () => {
  await network?.close();
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

const shot = (name: string) => path.join('test-results', 'sync-screens', `${name}.png`);

test("Alice's edit reaches Bob's window by itself, with a sync summary", async ({ connected }) => {
  const alice = await connected('alice');
  const bob = await connected('bob');
  const A = alice.page;
  const B = bob.page;

  await newItem(A, 'Acme.Billing', 'charge', 'fn');
  // No click on Bob's side: the live stream brings it. How fast is a figure of the bench
  // (sync.live.p95, target < 500 ms), not of this test: at load 15 it once took 2,060 ms here.
  const createdAt = Date.now();
  await expect(B.getByTestId('item-row-Acme.Billing.charge')).toBeVisible({ timeout: 10_000 });
  test.info().annotations.push({ type: 'live latency', description: `${Date.now() - createdAt} ms` });

  // An automatic sync that moved something is told, unobtrusively, with details behind it.
  const toast = B.getByTestId('sync-summary');
  await expect(toast).toContainText(/Synced main: .*1 pulled/);
  await B.screenshot({ path: shot('bob-summary') });
  await toast.getByTestId('toast-action').click();
  await expect(B.getByTestId('dialog-sync-summary')).toBeVisible();
  await expect(B.getByTestId('summary-pulled')).not.toHaveText('0');
  await B.getByTestId('dialog-done').click();

  // An edit travels the same way.
  await openItem(A, 'Acme.Billing.charge');
  await setContent(A, 'export const charge = (cents: number) => cents;');
  await openItem(B, 'Acme.Billing.charge');
  await expect.poll(() => editorText(B), { timeout: 2_000 }).toContain('cents: number');
  await expect(B.getByTestId('item-row-Acme.Billing.charge').locator('[data-badge]')).toHaveAttribute(
    'data-badge',
    'synced',
  );

  // "Sync now" always says how it went, even when nothing moved.
  await A.getByTestId('status-bar').click();
  await A.getByTestId('status-sync-now').click();
  await expect(A.getByTestId('sync-summary')).toContainText('Synced main');
});

test('the preview lists a pending op while the server is unreachable; Sync now sends it later', async ({
  connected,
}) => {
  const alice = await connected('alice');
  const A = alice.page;
  await newItem(A, 'Acme.Web', 'button', 'component');
  await expect(A.getByTestId('item-row-Acme.Web.button').locator('[data-badge]')).toHaveAttribute(
    'data-badge',
    'synced',
  );

  cutNetwork();
  try {
    await openItem(A, 'Acme.Web.button');
    await setContent(A, 'name: button\n');
    await expect(A.getByTestId('status-unsynced')).toHaveText('1 unsynced change');
    await A.getByTestId('status-bar').click();
    await expect(A.getByTestId('status-last-synced')).not.toHaveText(/Never/);
    await A.getByTestId('status-preview-sync').click();
    const dialog = A.getByTestId('dialog-sync-preview');
    await expect(dialog).toBeVisible();
    const row = A.getByTestId('preview-push-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Acme.Web.button');
    await expect(row).toContainText('Edited');
    await dialog.screenshot({ path: shot('preview-offline') });
  } finally {
    restoreNetwork();
  }
  // Back online the engine may already have sent it on its own; either way Sync now reports, and it arrives.
  // The report is the summary toast, or "Sync complete" when the automatic sync after the outage was
  // announced: that notification replaces the summary (one toast, not two), so which one stays depends
  // on whether the automatic sync or the click came first. Wait for the report, whichever it is.
  await A.getByTestId('sync-now').click();
  const report = A.locator('[data-testid="sync-summary"], [data-testid="notify-sync-progress"]').filter({
    hasText: /Synced main: (1 pushed|nothing to push or pull)|Sync complete/,
  });
  await expect(report.first()).toBeVisible({ timeout: 20_000 });
  await expect(A.getByTestId('status-unsynced')).toHaveText('0 unsynced changes');
  await expect(A.getByTestId('item-row-Acme.Web.button').locator('[data-badge]')).toHaveAttribute(
    'data-badge',
    'synced',
  );
});

test('in travel mode the preview says so and offers to turn it off; the sync toast goes when it turns on', async ({
  connected,
}) => {
  const alice = await connected('alice');
  const A = alice.page;
  await newItem(A, 'Acme.Web', 'card', 'component');
  // A manual sync leaves its summary toast on screen.
  await A.getByTestId('status-bar').click();
  await A.getByTestId('status-sync-now').click();
  await expect(A.getByTestId('sync-summary')).toContainText('Synced main');
  await A.keyboard.press('Escape');
  await expect(A.getByTestId('status-popover')).toBeHidden();

  await A.getByTestId('travel-switch').click();
  await A.getByTestId('travel-confirm').click();
  await expect(A.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'true');
  await expect(A.getByTestId('sync-summary')).toHaveCount(0);

  await setContent(A, 'name: card\n');
  await expect(A.getByTestId('status-unsynced')).toHaveText('1 unsynced change');
  await A.getByTestId('status-bar').click();
  await A.getByTestId('status-preview-sync').click();
  const dialog = A.getByTestId('dialog-sync-preview');
  await expect(dialog).toContainText('Travel mode is on: nothing is sent or received until you turn it off.');
  await expect(A.getByTestId('preview-pull-offline')).toContainText('Travel mode is on');
  await expect(A.getByTestId('preview-push-row')).toHaveCount(1);
  await expect(dialog.getByTestId('sync-now')).toHaveCount(0);
  await dialog.screenshot({ path: 'docs/screenshots/sync-preview-travel-mode.png' });

  // Turning it off from the preview: the sync runs on its own and the preview offers Sync now again.
  await A.getByTestId('preview-travel-off').click();
  await expect(A.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'false');
  await expect(dialog.getByTestId('sync-now')).toBeVisible();
  await expect(A.getByTestId('status-unsynced')).toHaveText('0 unsynced changes', { timeout: 20_000 });
});

test('a branch that notifies: main changes an item Alice changed, she updates from main', async ({
  connected,
}) => {
  const alice = await connected('alice');
  const bob = await connected('bob');
  const A = alice.page;
  const B = bob.page;
  await newItem(A, 'Acme.Notify', 'total', 'fn');
  await expect(B.getByTestId('item-row-Acme.Notify.total')).toBeVisible({ timeout: 5_000 });

  await newBranch(A, 'feature-x');
  await A.getByTestId('branch-switcher').click();
  await A.getByTestId('branch-settings').click();
  await expect(A.getByTestId('branch-last-synced')).toBeVisible();
  await A.getByTestId('branch-policy-notify').check();
  await expect(A.getByTestId('branch-policy-notify')).toBeChecked();
  await A.getByTestId('dialog-done').click();

  await openItem(A, 'Acme.Notify.total');
  await setContent(A, 'export const total = 1; // branch');
  await openItem(B, 'Acme.Notify.total');
  await setContent(B, 'export const total = 2; // main');

  const notice = A.getByTestId('sync-notice');
  await expect(notice).toContainText('Main changed 1 item you changed on feature-x: Acme.Notify.total', {
    timeout: 10_000,
  });
  await A.screenshot({ path: shot('notice') });
  await notice.getByTestId('notice-update-from-main').click();
  await expect(A.getByTestId('update-from-main-result')).toHaveText(
    /Updated from main — 1 conflict to resolve/,
  );
  await expect(A.getByTestId('sync-notice')).toHaveCount(0);
});
