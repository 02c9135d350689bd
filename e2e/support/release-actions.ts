import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Adds the change `id` (an item of the namespace) to the open draft and waits until it is listed. */
export async function addChange(page: Page, id: string, itemPath: string, title: string): Promise<void> {
  await page.getByTestId('release-change-id').fill(id);
  await page.getByTestId('release-change-type').selectOption('item');
  await page.getByTestId('release-change-ref').selectOption({ label: itemPath });
  await page.getByTestId('release-change-title').fill(title);
  await page.getByTestId('release-change-add').click();
  await expect(page.getByTestId(`release-change-${id}`)).toContainText(title);
}

/** Drafts `version` in the open Releases screen, with one proven change: ready for promotion. */
export async function readyDraft(page: Page, version: string, change: [string, string, string]) {
  await page.getByTestId('release-new').click();
  await page.getByTestId('release-version').fill(version);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('release-detail')).toHaveAttribute('data-version', version);
  const [id, itemPath, title] = change;
  await addChange(page, id, itemPath, title);
  await page.getByTestId(`release-prove-${id}`).click();
  await page.getByTestId('release-proof-save').click();
  await expect(page.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
}
