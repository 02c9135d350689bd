import type { Page } from '@playwright/test';
import { closeConflicts, editorText, openItem } from './support/actions';
import { expect, test } from './support/fixtures';

/** A conflicted item made in one call: created as `base`, edited here to `local`, by "bob" to `remote`. */
async function seedConflict(page: Page, path: string, base: string, local: string, remote: string) {
  await page.evaluate(
    ([p, b, l, r]) =>
      (
        globalThis as unknown as {
          __tetherE2E: { seedConflict(p: string, b: string, l: string, r: string): Promise<string> };
        }
      ).__tetherE2E.seedConflict(p as string, b as string, l as string, r as string),
    [path, base, local, remote],
  );
  await expect(page.getByTestId('open-conflicts')).toHaveText(/Conflicts \(1\)/, { timeout: 20_000 });
}

async function openResolver(page: Page, path: string): Promise<void> {
  await page.getByTestId('open-conflicts').click();
  await page.getByTestId(`conflict-row-${path}`).locator('.inbox-open').click();
  await expect(page.getByTestId('resolver')).toBeVisible();
}

test('take both keeps each side’s change in its place; a hand edit equal to a side counts as that side', async ({
  app,
}) => {
  const { page } = app;
  // Alice changes line b, bob line c: they touch, so git calls it one conflict.
  const path = 'Acme.Billing.charge';
  await seedConflict(page, path, 'a\nb\nc\nd', 'a\nB (alice)\nc\nd', 'a\nb\nC (bob)\nd');
  await openResolver(page, path);
  // One "Take both", not two orders of stacking.
  await expect(page.getByTestId('take-both-local-first-1')).toHaveCount(0);
  await page.getByTestId('take-both-1').click();
  await expect(page.getByTestId('resolver-chunk-1')).toHaveAttribute('data-state', 'both-local-first');
  await expect(page.getByTestId('take-both-1')).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'docs/screenshots/conflicts-take-both-interleaved.png' });

  // Typed by hand to exactly bob's lines: recognised as taking remote.
  await page.getByTestId('edit-chunk-1').click();
  await page.getByTestId('chunk-editor-text').fill('b\nC (bob)\n');
  await page.getByTestId('chunk-editor-apply').click();
  await expect(page.getByTestId('resolver-chunk-1')).toHaveAttribute('data-state', 'remote');
  await expect(page.getByTestId('take-remote-1')).toHaveAttribute('aria-pressed', 'true');
  // Something else typed is an edit.
  await page.getByTestId('edit-chunk-1').click();
  await page.getByTestId('chunk-editor-text').fill('b and c, merged by hand\n');
  await page.getByTestId('chunk-editor-apply').click();
  await expect(page.getByTestId('resolver-chunk-1')).toHaveAttribute('data-state', 'edited');

  await page.getByTestId('take-both-1').click();
  await page.getByTestId('resolver-save').click();
  await expect(page.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);
  await closeConflicts(page);
  await openItem(page, path);
  expect(await editorText(page)).toBe('a\nB (alice)\nC (bob)\nd');
});

test('restoring a version of an item in conflict resolves the conflict with it', async ({ app }) => {
  const { page } = app;
  const path = 'Acme.Billing.rate';
  await seedConflict(page, path, 'one', 'two (alice)', 'two (bob)');
  await openItem(page, path);
  await expect(page.getByTestId('conflict-banner')).toBeVisible();
  await page.getByTestId('editor-tab-history').click();
  const entries = page.getByTestId('history-entry');
  await expect(entries).toHaveCount(3);
  await entries.last().click(); // the first version, before either side
  const restore = page.getByTestId('history-restore');
  await expect(restore).toHaveText('Resolve with this version');
  await expect(page.getByTestId('history-restore-note')).toContainText(
    'resolving with this version saves its content and path as the merge of the 2 versions in conflict',
  );
  await page.screenshot({ path: 'docs/screenshots/history-resolve-with-version.png' });
  await restore.click();
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
  await expect(page.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);
  await expect(entries).toHaveCount(4);
  await expect(entries.first()).toHaveAttribute('data-op-type', 'merge');
  await page.getByTestId('editor-tab-content').click();
  expect(await editorText(page)).toBe('one');
});
