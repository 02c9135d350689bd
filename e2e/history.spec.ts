import { editorText, newItem, openItem, setContent } from './support/actions';
import { expect, test } from './support/fixtures';

test('history shows each version’s changes; restoring an old version is a new version on top', async ({
  app,
}) => {
  const { page } = app;
  await newItem(page, 'Acme.Billing', 'charge', 'fn');
  await setContent(page, 'export function charge() {\n  return 1;\n}\n');
  await setContent(page, 'export function charge() {\n  return 2;\n}\n// rounded\n');

  await page.getByTestId('editor-tab-history').click();
  const entries = page.getByTestId('history-entry');
  await expect(entries).toHaveCount(3);
  // The newest version, against the one before: one line changed, one added.
  await expect(page.getByTestId('history-diff-stats')).toHaveText(/\+2\s+−1/);
  const diff = page.getByTestId('history-diff');
  await expect(diff.locator('[data-type="removed"] .history-diff-text')).toHaveText(['return 1;']);
  await expect(diff.locator('[data-type="added"] .history-diff-text')).toHaveText([
    'return 2;',
    '// rounded',
  ]);
  // Line numbers: before, after (the added comment is line 4 of the new version).
  await expect(diff.locator('[data-type="added"]').nth(1).locator('.history-diff-no')).toHaveText(['', '4']);
  await expect(page.getByTestId('history-restore')).toBeDisabled();
  await expect(page.getByTestId('history-restore-note')).toHaveText('The item has this content now.');

  // The version before: Alice restores it.
  await entries.nth(1).click();
  await expect(page.getByTestId('history-compared')).toHaveText(
    /Compared with the version before \(created by alice\)/,
  );
  await expect(page.getByTestId('history-restore')).toBeEnabled();
  await expect(page.getByTestId('history-restore-note')).toContainText(
    'new version on top of the current one',
  );
  await page.screenshot({ path: 'docs/screenshots/history-diff.png' });
  await page.getByTestId('history-restore').click();

  // A fourth version, newest, whose change undoes the third; nothing earlier changed.
  await expect(entries).toHaveCount(4);
  await expect(entries.first()).toHaveAttribute('data-op-type', 'update');
  await expect(entries.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('history-diff-stats')).toHaveText(/\+1\s+−2/);
  await page.getByTestId('history-show-content').click();
  await expect(page.getByTestId('history-content')).toContainText('return 1;');
  await page.getByTestId('editor-tab-content').click();
  const restored = /^export function charge\(\) \{\n {2}return 1;\n\}\s*$/;
  expect(await editorText(page)).toMatch(restored);
  await app.reload();
  await openItem(page, 'Acme.Billing.charge');
  expect(await editorText(page)).toMatch(restored);
  await expect(page.getByTestId('editor-tab-history')).toContainText('4');
});
