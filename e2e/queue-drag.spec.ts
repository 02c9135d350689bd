import type { Locator, Page } from '@playwright/test';
import { newBranch, newItem } from './support/actions';
import { expect, twoPeopleOnOneServer } from './support/two-people';

/**
 * Reordering the sync queue by dragging, with Chromium's real mouse (the
 * view uses dnd-kit's pointer sensor): a drop between independent entries
 * moves one, a drop past an entry it depends on is refused with the reason,
 * and the order holds across a reload.
 */
const { test, offline } = twoPeopleOnOneServer('queue-drag');

test.setTimeout(120_000);

async function openQueue(page: Page): Promise<Locator> {
  await page.keyboard.press('ControlOrMeta+Shift+U');
  await expect(page.getByTestId('dialog-queue')).toBeVisible();
  return page.getByTestId('queue-row');
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('Not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on the row's grip, moves onto the target row in small steps, and (after `during`) lets go. */
async function dragRow(page: Page, row: Locator, target: Locator, during?: () => Promise<void>) {
  const from = await center(row.getByRole('button', { name: /^Drag/ }));
  const to = await center(target);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y - 8, { steps: 4 }); // past the sensor's 4 px: a drag, not a click
  await page.mouse.move(from.x, to.y, { steps: 12 });
  await during?.();
  await page.mouse.up();
}

const titles = (rows: Locator) => rows.locator('.queue-title').allInnerTexts();

test('drag reorders independent entries, refuses a drop past a dependency, and the order persists', async ({
  connected,
}) => {
  const alice = await connected('alice');
  const A = alice.page;
  await newItem(A, 'Acme.Billing', 'charge', 'fn');
  await expect(A.getByTestId('status-unsynced')).toHaveText('0 unsynced changes', { timeout: 20_000 });

  await offline(async () => {
    await expect(A.getByTestId('status-dot')).toHaveClass(/state-offline/, { timeout: 20_000 });
    await newItem(A, 'Acme.Billing', 'refund', 'fn');
    await newBranch(A, 'feature-x');
    await newItem(A, 'Acme.Billing', 'invoice', 'fn');
    // A clean merge works offline: it waits in feature-x's lane, behind that branch's own changes.
    await A.getByTestId('open-branch-merge').click();
    await A.getByTestId('merge-confirm').click();
    // (Not the toast: it may have left by itself on a busy machine.)
    await expect(A.getByTestId('current-branch')).toHaveText('main');

    let rows = await openQueue(A);
    await expect(rows).toHaveCount(3);
    await expect
      .poll(() => titles(rows))
      .toEqual(['Send changes on main', 'Send changes on feature-x', 'Merge feature-x into main']);

    // Independent (another branch): feature-x's changes dragged above main's.
    const hint = A.getByTestId('queue-drag-hint');
    await dragRow(A, rows.nth(1), rows.nth(0), async () => {
      await expect(rows.nth(0)).toHaveAttribute('data-drop', 'above');
      await expect(hint).toHaveText('Drop to send it before “Send changes on main”.');
      await expect(A.getByTestId('queue-drag-preview')).toContainText('Send changes on feature-x');
      await A.screenshot({ path: 'docs/screenshots/queue-drag-during.png' });
    });
    await expect
      .poll(() => titles(rows))
      .toEqual(['Send changes on feature-x', 'Send changes on main', 'Merge feature-x into main']);
    await expect(A.getByTestId('queue-message')).toHaveCount(0);
    // The merge still waits for feature-x's changes, which are no longer the row above it: named by title.
    await expect(rows.nth(2).getByTestId('queue-detail')).toContainText(
      'Waits for “Send changes on feature-x” (same branch)',
    );
    await A.getByTestId('dialog-queue').screenshot({ path: 'docs/screenshots/queue-waits-for.png' });

    // The merge may not pass feature-x's changes: the target says so while dragging, the drop is refused.
    await dragRow(A, rows.nth(2), rows.nth(0), async () => {
      await expect(rows.nth(0)).toHaveAttribute('data-drop', 'refused');
      await expect(hint).toContainText('Can’t drop here: “Merge feature-x into main” cannot pass');
      await A.screenshot({ path: 'docs/screenshots/queue-drag-refused-during.png' });
    });
    await expect(hint).toBeEmpty();
    const refusal = A.getByTestId('queue-message');
    await expect(refusal).toHaveAttribute('role', 'alert');
    await expect(refusal).toContainText(
      '“Merge feature-x into main” cannot pass “Send changes on feature-x”',
    );
    await expect
      .poll(() => titles(rows))
      .toEqual(['Send changes on feature-x', 'Send changes on main', 'Merge feature-x into main']);
    await A.screenshot({ path: 'docs/screenshots/queue-drag-refused.png' });
    await A.keyboard.press('Escape');

    // The order is in the database: a reload shows it again.
    await alice.reload();
    rows = await openQueue(A);
    await expect(rows).toHaveCount(3);
    await expect
      .poll(() => titles(rows))
      .toEqual(['Send changes on feature-x', 'Send changes on main', 'Merge feature-x into main']);
    await A.screenshot({ path: 'docs/screenshots/queue-drag-after-reload.png' });
    await A.keyboard.press('Escape');
  });
});
