import { expect, type Page } from '@playwright/test';
import type { ItemKind } from '../../src-shared/model/index';

/** Page-level steps a person takes, written once so each spec reads like a story. */

export async function newNamespace(page: Page, path: string): Promise<void> {
  await page.getByTestId('namespace-new').click();
  await page.getByTestId('new-namespace-path').fill(path);
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('dialog-new-namespace')).toBeHidden();
}

export async function newItem(
  page: Page,
  namespace: string,
  name: string,
  kind: ItemKind = 'fn',
): Promise<void> {
  await page.getByTestId('new-item-button').click();
  await page.getByTestId('new-item-namespace').fill(namespace);
  await page.getByTestId('new-item-name').fill(name);
  await page.getByTestId(`new-item-kind-${kind}`).click();
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('dialog-new-item')).toBeHidden();
  await expect(page.getByTestId(`item-row-${namespace}.${name}`)).toBeVisible();
}

export async function openItem(page: Page, path: string): Promise<void> {
  await page.getByTestId('view-all').click();
  await page.getByTestId(`item-row-${path}`).click();
  await expect(page.getByTestId('editor-path')).toHaveText(path);
}

/** Replaces the editor's text and waits until the save is durable ("Saved"). */
export async function setContent(page: Page, text: string): Promise<void> {
  const content = page.getByTestId('editor-content').locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await expect(page.getByTestId('save-indicator')).toHaveAttribute('data-state', 'saved', {
    timeout: 10_000,
  });
}

export async function editorText(page: Page): Promise<string> {
  return page.getByTestId('editor-content').locator('.cm-content').innerText();
}

export async function newBranch(page: Page, name: string): Promise<void> {
  await page.getByTestId('branch-switcher').click();
  await page.getByTestId('branch-new').click();
  await page.getByTestId('new-branch-name').fill(name);
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('current-branch')).toHaveText(name);
}

export async function switchBranch(page: Page, name: string): Promise<void> {
  await page.getByTestId('branch-switcher').click();
  await page.getByTestId(`branch-option-${name}`).click();
  await expect(page.getByTestId('current-branch')).toHaveText(name);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/**
 * Closes the conflicts screen; a save that is still finishing may show the inbox again, so retry.
 * Each try clicks only while the screen is there: a slow page may close it after a try gave up.
 */
export async function closeConflicts(page: Page): Promise<void> {
  const screen = page.locator('.conflicts-screen');
  await expect(async () => {
    if (await screen.isVisible()) await page.getByTestId('conflicts-close').click({ timeout: 2_000 });
    await expect(screen).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** Closes toasts; one that leaves by itself meanwhile is no reason to wait. */
export async function closeToasts(page: Page): Promise<void> {
  for (const dismiss of await page.getByTestId('toast-dismiss').all())
    await dismiss.click({ timeout: 1_000 }).catch(() => undefined);
}
