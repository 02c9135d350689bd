import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { newBranch, newItem } from './support/actions';
import { expect, twoPeopleOnOneServer } from './support/two-people';

/**
 * The sync queue against a real host and a real server: work queued while the
 * server is away (shown with op counts, reorderable where order is free),
 * then an op the server refuses (authored by someone else: forbidden) which
 * fails alone — sync goes on — and is retried, then discarded after its
 * export is downloaded.
 */
const { test, offline } = twoPeopleOnOneServer('queue');

/** A screenshot for docs/screenshots as the person sees it (toasts and all: the dialog is modal). */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

async function openQueue(page: Page): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Shift+U');
  await expect(page.getByTestId('dialog-queue')).toBeVisible();
}

test.setTimeout(180_000);

test('queued work, a refused op, retry and discard with export', async ({ connected }) => {
  const alice = await connected('alice');
  const A = alice.page;
  await newItem(A, 'Acme.Billing', 'charge', 'fn');
  await expect(A.getByTestId('status-unsynced')).toHaveText('0 unsynced changes', { timeout: 20_000 });

  await offline(async () => {
    await expect(A.getByTestId('status-dot')).toHaveClass(/state-offline/, { timeout: 20_000 });
    await newItem(A, 'Acme.Billing', 'refund', 'fn');
    await newBranch(A, 'feature-x');
    await newItem(A, 'Acme.Billing', 'invoice', 'fn');
    await openQueue(A);
    const rows = A.getByTestId('queue-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Send changes on main');
    await expect(rows.nth(0).getByTestId('queue-detail')).toContainText('1 op');
    // Each entry names the items it holds.
    await expect(rows.nth(0).getByTestId('queue-items')).toHaveText('Acme.Billing.refund');
    await expect(rows.nth(1)).toContainText('Send changes on feature-x');
    await expect(rows.nth(1).getByTestId('queue-items')).toHaveText('Acme.Billing.invoice');
    await expect(rows.nth(0).getByTestId('queue-status')).toHaveText('Waiting');
    // Two branches are independent: their order is free.
    await rows.nth(0).getByRole('button', { name: 'Move down' }).click();
    await expect(rows.nth(0)).toContainText('feature-x');
    await shot(A, 'queue-offline');
    await A.keyboard.press('Escape');
  });

  // Back online: the queue drains by itself.
  await openQueue(A);
  await expect(A.getByTestId('queue-empty')).toBeVisible({ timeout: 60_000 });
  await A.keyboard.press('Escape');

  // An op authored by bob in alice's database: the server refuses it (forbidden), for that op only.
  await A.evaluate(() =>
    (
      globalThis as unknown as { __tetherE2E: { peerEdit(p: string, c: string): Promise<string> } }
    ).__tetherE2E.peerEdit('Acme.Billing.charge', 'not alice'),
  );
  await openQueue(A);
  await expect(A.locator('[data-testid="queue-row"][data-status="failed"]')).toHaveCount(1, {
    timeout: 20_000,
  });
  const row = A.locator('[data-testid="queue-row"][data-status="failed"]');
  await expect(row.getByTestId('queue-error')).toContainText("its author is 'bob'");
  await expect(row.getByTestId('queue-type')).toHaveText('Send changes');
  await shot(A, 'queue-failed');

  // Retry: refused again, with the retry counted; the engine keeps running (not "sync failed").
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(row.getByTestId('queue-detail')).toContainText('tried 1 time', { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-status', 'failed');
  // Esc closes the queue even though the Retry button gave up focus while it worked.
  await A.keyboard.press('Escape');
  await expect(A.getByTestId('dialog-queue')).toBeHidden();
  // The refusal is a state with a pointer to the queue, and sync goes on around it.
  await expect(A.getByTestId('status-message')).toContainText('see the sync queue', { timeout: 20_000 });
  await newItem(A, 'Acme.Billing', 'later', 'fn');
  await expect(A.getByTestId('item-row-Acme.Billing.later').locator('[data-badge]')).toHaveAttribute(
    'data-badge',
    'synced',
    { timeout: 20_000 },
  );
  await openQueue(A);

  // Discard: confirm, the export downloads first, then the entry goes.
  await row.getByRole('button', { name: 'Discard' }).click();
  await expect(A.getByTestId('queue-confirm')).toBeVisible();
  await shot(A, 'queue-discard-confirm');
  const download = A.waitForEvent('download');
  await A.getByTestId('queue-confirm-discard').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tether-local-work-discard-.*\.json$/);
  const saved = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
    format: string;
    version: number;
    ops: { author: string; content: string }[];
  };
  expect(saved).toMatchObject({ format: 'tether.local-work', version: 1 });
  expect(saved.ops.map((op) => [op.author, op.content])).toEqual([['bob', 'not alice']]);
  await expect(A.getByTestId('queue-message')).toContainText('Discarded');
  await expect(A.getByTestId('queue-empty')).toBeVisible({ timeout: 20_000 });
  await A.keyboard.press('Escape');
  await expect(A.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
  // Discarded work stays here as local-only: not counted as unsynced, said apart in the details.
  await expect(A.getByTestId('status-unsynced')).toHaveText('0 unsynced changes');
  await A.getByTestId('status-bar').click();
  await expect(A.getByTestId('status-unsynced-detail')).toHaveText('0 · 1 discarded (local only)');
  await A.getByTestId('status-popover').screenshot({ path: 'docs/screenshots/status-popover-discarded.png' });
  await A.keyboard.press('Escape');

  // Importing the file queues the discarded op again (refused again, it shows as failed); a second import changes nothing.
  await openQueue(A);
  await A.getByTestId('queue-import-file').setInputFiles((await file.path())!);
  await expect(A.getByTestId('queue-message')).toHaveText('Imported 1 change; they will sync.');
  await expect(A.locator('[data-testid="queue-row"][data-status="failed"]')).toHaveCount(1, {
    timeout: 20_000,
  });
  await A.getByTestId('queue-import-file').setInputFiles((await file.path())!);
  await expect(A.getByTestId('queue-message')).toHaveText(
    'Nothing to import: everything in that file is already here.',
  );
  await expect(A.getByTestId('queue-row')).toHaveCount(1);
});
