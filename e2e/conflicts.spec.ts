import type { Page } from '@playwright/test';
import { editorText, newBranch, newItem, openItem, setContent, switchBranch } from './support/actions';
import { expect, test } from './support/fixtures';

/**
 * One profile; "bob" on another machine is played through the page's e2e
 * hook (only present with ?e2e=1), which puts his op into the local database
 * exactly as a sync pull would.
 */

async function openWithHook(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?e2e=1`);
  await page.getByTestId('app').waitFor({ state: 'attached', timeout: 30_000 });
}

async function peer(page: Page, fn: 'peerEdit' | 'peerDelete', ...args: string[]): Promise<void> {
  await page.evaluate(
    ([name, rest]) => {
      const hook = (
        globalThis as unknown as Record<string, Record<string, (...a: string[]) => Promise<string>>>
      ).__tetherE2E;
      return hook?.[name as string]?.(...(rest as string[]));
    },
    [fn, args] as const,
  );
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/conflicts-${name}.png` });
}

const BASE = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk';

test.describe('conflicts', () => {
  test('inbox, drag and keyboard resolution, undo/redo, save', async ({ app }) => {
    const { page } = app;
    await openWithHook(page, app.host.url);
    await newItem(page, 'Acme.Billing', 'charge', 'fn');
    await setContent(page, BASE);
    await setContent(page, 'a\nB-local\nc\nd\ne\nf\ng\nh\ni\nJ-local\nk');
    await peer(
      page,
      'peerEdit',
      'Acme.Billing.charge',
      'a\nB-remote\nc\nd\ne\nf\ng\nh\ni\nJ-remote\nk',
      BASE,
    );

    await expect(page.getByTestId('status-conflicts')).toHaveText(/1 conflict/);
    await expect(page.getByTestId('open-conflicts')).toHaveText(/Conflicts \(1\)/);
    await page.getByTestId('open-conflicts').click();
    const row = page.getByTestId('conflict-row-Acme.Billing.charge');
    await expect(row).toContainText('edit/edit');
    await expect(row).toContainText('bob');
    await shot(page, 'inbox');

    await row.locator('.inbox-open').click();
    await expect(page.getByTestId('resolver')).toBeVisible();
    await expect(page.getByTestId('conflicts-left')).toHaveText('2 conflicts left');
    await expect(page.getByTestId('resolver-save')).toBeDisabled();
    await shot(page, 'resolver');

    // Conflict 1 by dragging remote's lines onto the conflict in the result (result line 1).
    const handle = page.getByTestId('drag-remote-1');
    const target = page.getByTestId('resolver-result').locator('[data-drop-line="1"]');
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + 30, { steps: 5 });
    await page.mouse.move(to.x + 60, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect(page.getByTestId('conflicts-left')).toHaveText('1 conflict left');
    await expect(page.getByTestId('resolver-chunk-1')).toHaveAttribute('data-state', 'edited');

    // Conflict 2 by keyboard: focus local's handle, Space picks up, Enter drops at the conflict.
    await page.getByTestId('drag-local-2').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('pickup-status')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('conflicts-left')).toHaveText('No conflicts left');

    // Undo / redo from the keyboard.
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(page.getByTestId('conflicts-left')).toHaveText('1 conflict left');
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(page.getByTestId('conflicts-left')).toHaveText('No conflicts left');

    await page.getByTestId('resolver-save').click();
    await expect(page.getByTestId('conflict-inbox')).toBeVisible();
    await expect(page.getByTestId('conflict-row-Acme.Billing.charge')).toHaveCount(0);
    await page.getByTestId('conflicts-close').click();
    await openItem(page, 'Acme.Billing.charge');
    await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
    expect(await editorText(page)).toBe('a\nB-remote\nc\nd\ne\nf\ng\nh\ni\nJ-local\nk');
  });

  test('edit/delete: restore with my version', async ({ app }) => {
    const { page } = app;
    await openWithHook(page, app.host.url);
    await newItem(page, 'Acme.Billing', 'refund', 'fn');
    await setContent(page, 'one');
    await setContent(page, 'one, edited');
    await peer(page, 'peerDelete', 'Acme.Billing.refund');
    await expect(page.getByTestId('conflict-banner')).toBeVisible();
    await page.getByTestId('open-resolver').click();
    await expect(page.getByTestId('resolver-save')).toBeDisabled();
    await page.getByTestId('restore-mine').click();
    await page.getByTestId('resolver-save').click();
    await expect(page.getByTestId('conflict-inbox')).toBeVisible();
    await page.getByTestId('conflicts-close').click();
    await openItem(page, 'Acme.Billing.refund');
    await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
    expect(await editorText(page)).toBe('one, edited');
  });

  test('branch merge: one clean item, one conflict resolved in the resolver', async ({ app }) => {
    const { page } = app;
    await newItem(page, 'Acme.Web', 'a', 'fn');
    await setContent(page, 'a1\na2\na3');
    await newItem(page, 'Acme.Web', 'b', 'fn');
    await setContent(page, 'b1');
    await newBranch(page, 'feature-x');
    await openItem(page, 'Acme.Web.a');
    await setContent(page, 'a1\nbranch\na3');
    await openItem(page, 'Acme.Web.b');
    await setContent(page, 'b1 branch');
    await switchBranch(page, 'main');
    await openItem(page, 'Acme.Web.a');
    await setContent(page, 'a1\nmain\na3');
    await switchBranch(page, 'feature-x');

    await page.getByTestId('open-branch-merge').click();
    await expect(page.getByTestId('merge-preview')).toBeVisible();
    await expect(page.getByTestId('merge-clean-Acme.Web.b')).toBeVisible();
    await expect(page.getByTestId('merge-conflict-Acme.Web.a')).toBeVisible();
    await expect(page.getByTestId('merge-confirm')).toBeDisabled();
    await shot(page, 'merge-preview');

    await page.getByTestId('merge-resolve-Acme.Web.a').click();
    await expect(page.getByTestId('resolver')).toBeVisible();
    await page.getByTestId('take-both-remote-first-1').click();
    await page.getByTestId('resolver-save').click();
    await expect(page.getByTestId('merge-conflict-Acme.Web.a')).toHaveAttribute('data-resolved', 'true');
    await page.getByTestId('merge-confirm').click();
    await expect(page.getByTestId('merged-toast')).toBeVisible();
    await expect(page.getByTestId('current-branch')).toHaveText('main');
    await openItem(page, 'Acme.Web.a');
    expect(await editorText(page)).toBe('a1\nbranch\nmain\na3');
    await openItem(page, 'Acme.Web.b');
    expect(await editorText(page)).toBe('b1 branch');
  });
});
