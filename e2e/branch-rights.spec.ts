import { closeToasts, newBranch, newItem, setContent, switchBranch } from './support/actions';
import { expect, syncNow, twoPeopleOnOneServer } from './support/two-people';

/**
 * A branch belongs to the person who started it. Bob, on Alice's branch,
 * still sees and edits its items, but the app neither offers him to abandon
 * it, merge it or change how main reaches it — it says whose it is instead
 * (the server would refuse him: src-server/http/branch-rights.cases.ts).
 */
const { test } = twoPeopleOnOneServer('branch-rights');
test.setTimeout(180_000);

test("Bob on Alice's branch: told whose it is, and offered no change the server would refuse", async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  await newBranch(A, 'feature-x');
  await newItem(A, 'Acme.Billing', 'rate', 'value');
  await setContent(A, 'export const rate = 2;');
  await syncNow(A, 'feature-x');

  // Alice, the owner, is offered everything.
  await A.getByTestId('branch-switcher').click();
  await expect(A.getByTestId('branch-abandon')).toBeVisible();
  await expect(A.getByTestId('branch-rights-note')).toHaveCount(0);
  await A.keyboard.press('Escape');

  await syncNow(B);
  await expect(async () => {
    await B.getByTestId('branch-switcher').click();
    await expect(B.getByTestId('branch-option-feature-x')).toBeVisible({ timeout: 1_000 });
    await B.keyboard.press('Escape');
  }).toPass({ timeout: 20_000 });
  await switchBranch(B, 'feature-x');
  await expect(B.getByTestId('open-branch-merge')).toBeDisabled();
  await closeToasts(B); // before the menu opens: a click on a toast would close it
  await B.getByTestId('branch-switcher').click();
  await expect(B.getByTestId('branch-abandon')).toHaveCount(0);
  await expect(B.getByTestId('branch-rights-note')).toHaveText(
    '“feature-x” belongs to alice: only alice and the people they add can change, merge or abandon it.',
  );
  await B.screenshot({ path: 'docs/screenshots/branch-owned-by-someone-else.png' });

  await B.getByTestId('branch-settings').click();
  await expect(B.getByTestId('branch-settings-rights')).toBeVisible();
  await expect(B.getByTestId('branch-policy-follow')).toBeDisabled();
  await expect(B.getByTestId('dialog-branch-settings')).toContainText('Created by alice');
  await B.screenshot({ path: 'docs/screenshots/branch-settings-not-yours.png' });
});
