import { newBranch, newItem, openItem, setContent, switchBranch } from './support/actions';
import { expect, test } from './support/fixtures';

test('a YAML component that does not parse is saved, with the error shown where it is', async ({ app }) => {
  const { page } = app;
  await newItem(page, 'Acme.Web', 'button', 'component');
  await setContent(page, 'name: button\nprops: [label, size\nversion: 1\n');
  // Saved as typed (the indicator said so), and the reason is under the editor and in it.
  const bar = page.getByTestId('yaml-problems');
  await expect(bar).toContainText('Saved, but not valid YAML — line 3, column 1:');
  await expect(bar).toContainText('Flow sequence');
  await expect(page.getByTestId('editor-content').locator('.cm-lintRange-error')).not.toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/editor-yaml-error.png' });
  await app.reload();
  await openItem(page, 'Acme.Web.button');
  await expect(page.getByTestId('yaml-problems')).toBeVisible();
  await setContent(page, 'name: button\nprops: [label, size]\nversion: 1\n');
  await expect(page.getByTestId('yaml-problems')).toHaveCount(0);
});

test('renaming a component renames its name: field when it held the old name, in the same version', async ({
  app,
}) => {
  const { page } = app;
  await newItem(page, 'Acme.Web', 'button', 'component');
  const content = page.getByTestId('editor-content').locator('.cm-content');
  await expect(content).toHaveText(/name: button/);
  const rename = async (to: string) => {
    await page.getByTestId('item-rename').click();
    await page.getByTestId('rename-path').fill(to);
    await page.getByTestId('dialog-submit').click();
    await expect(page.getByTestId('editor-path')).toHaveText(to);
  };
  await rename('Acme.Web.buyButton');
  await expect(content).toContainText('name: buyButton');
  await expect(page.getByTestId('editor-tab-history')).toContainText('2');
  // A name the user chose themselves is theirs: a rename leaves it.
  await setContent(page, 'name: Buy now\nversion: 1\n');
  await rename('Acme.Web.cta');
  await expect(content).toContainText('name: Buy now');
});

test('items changed on the current branch are marked in the list', async ({ app }) => {
  const { page } = app;
  await newItem(page, 'Acme.Billing', 'charge', 'fn');
  await newItem(page, 'Acme.Billing', 'refund', 'fn');
  await newBranch(page, 'pricing');
  await expect(page.getByTestId('branch-mark')).toHaveCount(0);
  await openItem(page, 'Acme.Billing.charge');
  await setContent(page, 'export const charge = 2;');
  const charge = page.getByTestId('item-row-Acme.Billing.charge');
  await expect(charge.getByTestId('branch-mark')).toHaveAttribute('title', 'Changed on pricing');
  await expect(charge.getByRole('img', { name: 'Changed on pricing' })).toBeVisible();
  await expect(page.getByTestId('item-row-Acme.Billing.refund').getByTestId('branch-mark')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/items-changed-on-branch.png' });
  await switchBranch(page, 'main');
  await expect(page.getByTestId('branch-mark')).toHaveCount(0);
});
