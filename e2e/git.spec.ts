import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editorText, newItem, openItem, setContent } from './support/actions';
import { expect, test } from './support/fixtures';

test('the folder mirror seen from the app: edits go to files, file edits come back, git state in the status bar', async ({
  app,
}) => {
  const { page } = app;
  const folder = await mkdtemp(path.join(tmpdir(), 'tether-e2e-folder-'));
  try {
    await page.keyboard.press('ControlOrMeta+,');
    const settings = page.getByTestId('settings-folder-git');
    await expect(settings).toBeVisible();
    await settings.getByTestId('settings-mirror-folder').fill(folder);
    await settings.getByTestId('settings-git-enabled').check();
    await settings.getByTestId('settings-git-autocommit').selectOption('off');
    await settings.getByTestId('settings-mirror-save').click();
    await expect(settings.getByTestId('git-commit-now')).toBeVisible();
    await settings.scrollIntoViewIfNeeded();
    await page
      .getByTestId('dialog-settings')
      .screenshot({ path: 'docs/screenshots/settings-folder-git.png' });
    await page.keyboard.press('Escape');

    // Edit in the app → the file appears (after the 1 s debounce).
    await newItem(page, 'Acme.Billing', 'charge', 'fn');
    await setContent(page, 'export const charge = 1;\n');
    const file = path.join(folder, 'Acme/Billing/charge.ts');
    await expect
      .poll(() => readFile(file, 'utf8').catch(() => null), { timeout: 10_000 })
      .toBe('export const charge = 1;\n');

    // Edit the file → the app shows it.
    await writeFile(file, 'export const charge = 2; // from the editor\n');
    await openItem(page, 'Acme.Billing.charge');
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('from the editor');

    // A file with a name Tether cannot use is not imported, and the status bar says so.
    await writeFile(path.join(folder, 'Acme/bad name.ts'), 'x');
    const chip = page.getByTestId('status-git');
    await expect(chip).toContainText('1 not imported', { timeout: 10_000 });

    // Commit now, then the status bar names the last commit.
    await page.keyboard.press('ControlOrMeta+,');
    await page.getByTestId('git-commit-now').click();
    await expect(page.getByTestId('git-action-message')).toContainText(
      'Committed: Tether: 1 item and 1 other file changed',
    );
    await page.keyboard.press('Escape');
    await expect(chip).toContainText('last commit “Tether: 1 item and 1 other file changed”');
    await page.getByTestId('status-bar').screenshot({ path: 'docs/screenshots/status-git.png' });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
