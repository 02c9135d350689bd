import {
  editorText,
  newBranch,
  newItem,
  newNamespace,
  openItem,
  screenshot,
  setContent,
  switchBranch,
} from './support/actions';
import { expect, test } from './support/fixtures';

test.describe('offline foundation', () => {
  test('create, edit, rename, move, delete and undo; all of it survives reload and host restart', async ({
    app,
  }) => {
    // About 22 s on a quiet machine; a reload and a host restart take several times that under load.
    test.setTimeout(120_000);
    const { page } = app;
    await expect(page.getByTestId('status-message')).toHaveText(/Local only/);

    await newNamespace(page, 'Acme.Billing');
    await expect(page.getByTestId('ns-Acme.Billing')).toBeVisible();
    await newItem(page, 'Acme.Billing', 'charge', 'fn');
    await setContent(page, 'export const charge = (amount: number) => amount * 2;');
    await newItem(page, 'Acme.Web', 'button', 'component');
    await setContent(page, 'name: button\nprops:\n  label: string\n');
    await screenshot(page, 'foundation-items');

    // Rename, then move to another namespace (a move is a rename of the namespace part).
    await openItem(page, 'Acme.Billing.charge');
    await page.getByTestId('item-rename').click();
    await page.getByTestId('rename-path').fill('Acme.Billing.chargeCard');
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('item-row-Acme.Billing.chargeCard')).toBeVisible();
    await expect(page.getByTestId('item-row-Acme.Billing.charge')).toHaveCount(0);

    await page.getByTestId('item-move').click();
    await page.getByTestId('move-namespace').fill('Acme.Payments');
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('item-row-Acme.Payments.chargeCard')).toBeVisible();

    // Bad input: a rename onto an existing path is refused with a clear message and changes nothing.
    await page.getByTestId('item-rename').click();
    await page.getByTestId('rename-path').fill('Acme.Web.button');
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('dialog-error')).toContainText(/already/i);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('item-row-Acme.Payments.chargeCard')).toBeVisible();

    // Delete with undo from the toast.
    await page.getByTestId('item-delete').click();
    await expect(page.getByTestId('item-row-Acme.Payments.chargeCard')).toHaveCount(0);
    await expect(page.getByTestId('toast')).toContainText('Acme.Payments.chargeCard');
    await screenshot(page, 'foundation-delete-toast');
    await page.getByTestId('toast-action').click();
    await expect(page.getByTestId('item-row-Acme.Payments.chargeCard')).toBeVisible();

    // Delete another item and restore it from Recently deleted.
    await openItem(page, 'Acme.Web.button');
    await page.getByTestId('item-delete').click();
    await page.getByTestId('view-deleted').click();
    await expect(page.getByTestId('deleted-row-Acme.Web.button')).toBeVisible();
    await page.getByTestId('restore-Acme.Web.button').click();
    await expect(page.getByTestId('deleted-row-Acme.Web.button')).toHaveCount(0);

    // History lists every op of the item: create, update, rename, rename (move), delete, restore.
    await openItem(page, 'Acme.Payments.chargeCard');
    await page.getByTestId('editor-tab-history').click();
    await expect(page.getByTestId('history-entry')).toHaveCount(6);
    await screenshot(page, 'foundation-history');

    const check = async () => {
      await openItem(page, 'Acme.Payments.chargeCard');
      expect(await editorText(page)).toContain('amount * 2');
      await openItem(page, 'Acme.Web.button');
      expect(await editorText(page)).toContain('label: string');
      await expect(page.getByTestId('item-row-Acme.Billing.chargeCard')).toHaveCount(0);
    };
    await app.reload();
    await check();
    await app.restartHost();
    await check();
    // A crash of the host (SIGKILL) loses nothing either: the op log is durable in the renderer.
    await app.restartHost('SIGKILL');
    await check();
  });

  test('branches: edits on a branch stay off main; switch back and forth; abandon', async ({ app }) => {
    const { page } = app;
    await newItem(page, 'Acme', 'greeting', 'value');
    await setContent(page, 'hello from main');

    await newBranch(page, 'feature-x');
    await openItem(page, 'Acme.greeting');
    expect(await editorText(page)).toBe('hello from main');
    await setContent(page, 'hello from the branch');
    await newItem(page, 'Acme', 'onlyOnBranch', 'value');
    await screenshot(page, 'foundation-branch');

    await switchBranch(page, 'main');
    await openItem(page, 'Acme.greeting');
    expect(await editorText(page)).toBe('hello from main');
    await expect(page.getByTestId('item-row-Acme.onlyOnBranch')).toHaveCount(0);

    await switchBranch(page, 'feature-x');
    await openItem(page, 'Acme.greeting');
    expect(await editorText(page)).toBe('hello from the branch');

    // The current branch is remembered across a restart.
    await app.restartHost();
    await expect(page.getByTestId('current-branch')).toHaveText('feature-x');
    await expect(page.getByTestId('item-row-Acme.onlyOnBranch')).toBeVisible();

    await page.getByTestId('branch-switcher').click();
    await page.getByTestId('branch-abandon').click();
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('current-branch')).toHaveText('main');
    await page.getByTestId('branch-switcher').click();
    await expect(page.getByTestId('branch-option-feature-x')).toHaveCount(0);
  });

  test('fully usable by keyboard', async ({ app }) => {
    const { page } = app;
    await page.keyboard.press('ControlOrMeta+N');
    await expect(page.getByTestId('dialog-new-item')).toBeVisible();
    await page.keyboard.type('Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type('first');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('item-row-Keys.first')).toBeVisible();
    // The row can show (live update) before the dialog has finished saving and closed;
    // Ctrl+N while a dialog is open does nothing, as it should.
    await expect(page.getByTestId('dialog-new-item')).toBeHidden();

    await page.keyboard.press('ControlOrMeta+N');
    await page.getByTestId('new-item-name').focus();
    await page.keyboard.type('second');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('item-row-Keys.second')).toBeVisible();

    // Back to the list, move with arrows, rename with F2, delete and undo with Ctrl+Z.
    await page.getByTestId('item-row-Keys.first').click();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('editor-path')).toHaveText('Keys.second');
    await page.keyboard.press('F2');
    await expect(page.getByTestId('dialog-rename')).toBeVisible();
    await page.getByTestId('rename-path').fill('Keys.renamed');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('item-row-Keys.renamed')).toBeVisible();

    await page.getByTestId('item-row-Keys.renamed').click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('item-row-Keys.renamed')).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(page.getByTestId('item-row-Keys.renamed')).toBeVisible();

    await page.keyboard.press('?');
    await expect(page.getByTestId('dialog-shortcuts')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('dialog-shortcuts')).toBeHidden();
    await page.keyboard.press('ControlOrMeta+,');
    await expect(page.getByTestId('dialog-settings')).toBeVisible();
    await page.getByTestId('settings-theme-dark').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshot(page, 'foundation-settings-dark');
  });
});
