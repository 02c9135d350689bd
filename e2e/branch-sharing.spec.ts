import type { Page } from '@playwright/test';
import { closeToasts, newBranch, newItem, openItem, setContent, switchBranch } from './support/actions';
import { editorShows, expect, shot, syncNow, twoPeopleOnOneServer } from './support/two-people';

/**
 * Alice shares her branch with Bob from the branch menu, and stops sharing it.
 * Shared, Bob may change the branch itself (here: how main reaches it), which
 * the app kept on his computer before (the server refuses it from anyone
 * else: src-server/http/branch-rights.cases.ts); his edits on it sync
 * either way. Each change of who works on it reaches Bob as a notice.
 */
const { test, offline } = twoPeopleOnOneServer('branch-sharing');
test.setTimeout(180_000);

const BRANCH = 'feature-share';

/** Opens the branch menu and its "Share…" / "Who works on…" entry from the keyboard. */
async function openPeople(page: Page): Promise<void> {
  await closeToasts(page); // a click on a toast would close the menu
  await page.getByTestId('branch-switcher').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('branch-menu')).toBeVisible();
  // The menu moves focus with the arrow keys; End lands on its last entry, ↑ walks back to Share.
  const share = page.getByTestId('branch-share');
  await page.keyboard.press('End');
  for (let i = 0; i < 8 && !(await share.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('ArrowUp');
  await expect(share).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dialog-branch-people')).toBeVisible();
}

/** Syncs until the notice of `kind` shows (the record may need a second pull under load). */
async function noticeOf(page: Page, kind: string) {
  const notice = page.locator(`[data-testid="sync-notice"][data-kind="${kind}"]`);
  await expect(async () => {
    await syncNow(page, BRANCH);
    await expect(notice).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  return notice;
}

test('Alice shares her branch with Bob, who may then change it; she stops, and he is told', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  await newBranch(A, BRANCH);
  await newItem(A, 'Acme.Billing', 'rate');
  await setContent(A, 'export const rate = 2;');
  await syncNow(A, BRANCH);

  await syncNow(B);
  await expect(async () => {
    await B.getByTestId('branch-switcher').click();
    await expect(B.getByTestId(`branch-option-${BRANCH}`)).toBeVisible({ timeout: 1_000 });
    await B.keyboard.press('Escape');
  }).toPass({ timeout: 20_000 });
  await switchBranch(B, BRANCH);

  // Not shared yet: Bob sees who works on it, read-only, and may not change it.
  await openPeople(B);
  const bobsView = B.getByTestId('dialog-branch-people');
  await expect(bobsView).toContainText(`Who works on “${BRANCH}”`);
  await expect(B.getByTestId('people-row-alice')).toContainText('owner');
  await expect(B.getByTestId('people-none')).toBeVisible();
  await expect(B.getByTestId('people-note')).toContainText(`“${BRANCH}” belongs to alice`);
  await expect(B.getByTestId('people-add-input')).toHaveCount(0);
  await shot(B, 'branch-people-not-yours');
  await B.keyboard.press('Escape');
  await expect(bobsView).toBeHidden();

  // Alice, from the keyboard: an unknown name is refused in the server's words, then bob is added.
  await openPeople(A);
  await expect(A.getByTestId('dialog-branch-people')).toContainText(`Share “${BRANCH}”`);
  const input = A.getByTestId('people-add-input');
  await expect(input).toBeFocused();
  await A.keyboard.type('nobody');
  await A.keyboard.press('Enter');
  await expect(A.getByTestId('dialog-error')).toHaveText(
    `Could not share “${BRANCH}” with nobody: Unknown user 'nobody'`,
  );
  await expect(A.getByTestId('people-none')).toBeVisible();
  await shot(A, 'branch-people-unknown-user');
  await input.fill('');
  await A.keyboard.type('bob');
  await A.keyboard.press('Enter');
  await expect(A.getByTestId('people-row-bob')).toContainText('shared with');
  await expect(A.getByTestId('dialog-error')).toHaveCount(0);
  await expect(input).toHaveValue('');
  await expect(input).toBeFocused();
  await shot(A, 'branch-people-shared');
  await A.keyboard.press('Escape');

  // Bob is told, and may now change the branch: how main reaches it, with an edit.
  const shared = await noticeOf(B, 'branch-shared-with-you');
  await expect(shared).toContainText(`alice shared “${BRANCH}” with you`);
  await shot(B, 'branch-shared-with-you');
  await closeToasts(B);
  await B.getByTestId('branch-switcher').click();
  await expect(B.getByTestId('branch-rights-note')).toHaveCount(0);
  await expect(B.getByTestId('branch-abandon')).toBeVisible();
  await B.getByTestId('branch-settings').click();
  await expect(B.getByTestId('branch-policy-follow')).toBeEnabled();
  await B.getByTestId('branch-policy-follow').check();
  await expect(B.getByTestId('branch-policy-follow')).toBeChecked();
  await B.getByTestId('dialog-done').click();
  await openItem(B, 'Acme.Billing.rate');
  await setContent(B, 'export const rate = 3;');
  await syncNow(B, BRANCH);

  await expect(async () => {
    await syncNow(A, BRANCH);
    await A.getByTestId('branch-switcher').click();
    await A.getByTestId('branch-settings').click();
    await expect(A.getByTestId('branch-policy-follow')).toBeChecked({ timeout: 1_000 });
    await A.getByTestId('dialog-done').click();
  }).toPass({ timeout: 45_000 });
  await openItem(A, 'Acme.Billing.rate');
  await editorShows(A, 'rate = 3');

  // Alice stops sharing: the Remove button, reached with Tab.
  await openPeople(A);
  const remove = A.getByTestId('people-remove-bob');
  for (let i = 0; i < 6 && !(await remove.evaluate((el) => el === document.activeElement)); i++)
    await A.keyboard.press('Shift+Tab');
  await expect(remove).toBeFocused();
  await A.keyboard.press('Enter');
  await expect(A.getByTestId('people-row-bob')).toHaveCount(0);
  await expect(A.getByTestId('people-none')).toBeVisible();
  await A.keyboard.press('Escape');

  const unshared = await noticeOf(B, 'branch-unshared-with-you');
  await expect(unshared).toContainText(`alice stopped sharing “${BRANCH}” with you`);
  await expect(B.locator('[data-kind="branch-shared-with-you"]')).toHaveCount(0); // replaced, not stacked
  await shot(B, 'branch-unshared-with-you');
  await closeToasts(B);
  await B.getByTestId('branch-switcher').click();
  await expect(B.getByTestId('branch-abandon')).toHaveCount(0);
  await expect(B.getByTestId('branch-rights-note')).toBeVisible();
  await B.keyboard.press('Escape');

  // Offline, Alice still sees who works on it, and is told sharing needs a connection.
  await offline(async () => {
    await openPeople(A);
    await expect(A.getByTestId('people-note')).toHaveText(/^Sharing needs a connection to the server/, {
      timeout: 30_000,
    });
    await expect(A.getByTestId('people-add-input')).toBeDisabled();
    await expect(A.getByTestId('dialog-done')).toBeFocused();
    await shot(A, 'branch-people-offline');
    await A.keyboard.press('Escape');
  });
});
