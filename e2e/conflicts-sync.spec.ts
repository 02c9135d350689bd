import type { Page } from '@playwright/test';
import {
  closeConflicts,
  editorText,
  newBranch,
  newItem,
  openItem,
  setContent,
  switchBranch,
} from './support/actions';
import { expect, shot, syncNow, twoPeopleOnOneServer } from './support/two-people';

/**
 * The real thing: Alice and Bob, each with a host and a Chromium profile,
 * edit the same item while the server is away; when it is back both syncs
 * complete (nothing blocks) and both see the conflict. Alice then resolves it
 * offline: if nothing changed meanwhile her resolution just applies for both;
 * if Bob changed the item again, the conflict comes back with the new sides
 * and her earlier result as the starting point.
 */
const { test, offline } = twoPeopleOnOneServer('conflicts-sync');
test.setTimeout(180_000);

/** Both edit line two of a shared item offline; after the server is back both see the conflict. */
async function conflictForBoth(A: Page, B: Page, path: string): Promise<void> {
  const [namespace, name] = [path.slice(0, path.lastIndexOf('.')), path.slice(path.lastIndexOf('.') + 1)];
  await newItem(A, namespace, name, 'value');
  await setContent(A, 'one\ntwo\nthree\nfour\nfive');
  await openItem(B, path);
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toContain('five');
  await offline(async () => {
    await openItem(A, path);
    await setContent(A, 'one\nTWO (alice)\nthree\nfour\nfive');
    await setContent(B, 'one\nTWO (bob)\nthree\nfour\nfive');
  });
  for (const page of [B, A, B]) await syncNow(page);
  for (const page of [A, B]) {
    await expect(page.getByTestId('open-conflicts')).toHaveText(/Conflicts \(1\)/, { timeout: 20_000 });
  }
}

/** Alice opens the item's conflict from the inbox. */
async function openResolver(A: Page, path: string): Promise<void> {
  await A.getByTestId('open-conflicts').click();
  await A.getByTestId(`conflict-row-${path}`).locator('.inbox-open').click();
  await expect(A.getByTestId('resolver')).toBeVisible();
}

/** Alice resolves the conflict on `path` by taking both sides, hers first, and saves. */
async function resolveTakingBoth(A: Page, path: string): Promise<void> {
  await openResolver(A, path);
  await A.getByTestId('take-both-local-first-1').click();
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);
}

test('resolved offline with the sides unchanged: the resolution just applies, for both', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const path = 'Acme.Shared.rate';
  await conflictForBoth(A, B, path);
  await offline(async () => {
    await resolveTakingBoth(A, path);
  });
  await syncNow(A);
  await syncNow(B);
  await expect(B.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/, { timeout: 20_000 });
  await expect(A.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);
  await openItem(B, path);
  const both = 'one\nTWO (alice)\nTWO (bob)\nthree\nfour\nfive';
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toBe(both);
  await closeConflicts(A);
  await openItem(A, path);
  expect(await editorText(A)).toBe(both);
});

test('resolved offline while Bob changed it again: reopened with the new sides, the earlier result first', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const path = 'Acme.Shared.limit';
  await conflictForBoth(A, B, path);
  await offline(async () => {
    await resolveTakingBoth(A, path);
    // Bob, still in the conflict on his side, edits the item again.
    await setContent(B, 'one\nTWO (bob)\nthree\nfour\nFIVE (bob)');
  });
  await syncNow(B);
  await syncNow(A);
  await expect(A.getByTestId('open-conflicts')).toHaveText(/Conflicts \(1\)/, { timeout: 20_000 });
  await A.getByTestId(`conflict-row-${path}`).locator('.inbox-open').click();
  // Local is Alice's earlier result; remote is Bob's new version; the result starts from both.
  await expect(A.getByTestId('resolver-local')).toContainText('Your earlier result (this machine)');
  await expect(A.getByTestId('resolver-notice')).toContainText(
    'You resolved this before, and bob changed it again',
  );
  await expect(A.getByTestId('conflict-position')).toContainText('merged by themselves');
  await expect(A.getByTestId('resolver-local')).toContainText('TWO (alice)');
  await expect(A.getByTestId('resolver-local')).toContainText('TWO (bob)');
  await expect(A.getByTestId('resolver-remote')).toContainText('FIVE (bob)');
  await expect(A.getByTestId('resolver-result')).toContainText('TWO (alice)');
  await expect(A.getByTestId('resolver-result')).toContainText('FIVE (bob)');
  await shot(A, 'conflicts-reopened-after-sync');
  await expect(A.getByTestId('conflicts-left')).toHaveText('No conflicts left');
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);

  const final = 'one\nTWO (alice)\nTWO (bob)\nthree\nfour\nFIVE (bob)';
  await closeConflicts(A);
  await openItem(A, path);
  expect(await editorText(A)).toBe(final);
  await syncNow(A);
  await syncNow(B);
  await expect(B.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/, { timeout: 20_000 });
  await openItem(B, path);
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toBe(final);
});

test('a namespace policy settles a conflict pulled onto main while Alice works on a branch; she can revisit it', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const path = 'Acme.Rates.fee';
  await newItem(A, 'Acme.Rates', 'fee', 'value');
  await setContent(A, 'fee: 1');
  await openItem(B, path);
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toContain('fee: 1');
  await A.getByTestId('open-conflicts').click();
  await A.locator('.policy-editor summary').click();
  await A.getByTestId('policy-namespace').selectOption('Acme.Rates');
  await A.getByTestId('policy-prefer-remote').click();
  await expect(A.locator('.policy-editor')).toContainText('Acme.Rates: prefer-remote');
  await closeConflicts(A);

  await offline(async () => {
    await openItem(A, path);
    await setContent(A, 'fee: 2 (alice)');
    await setContent(B, 'fee: 3 (bob)');
    await newBranch(A, 'tune');
  });
  await syncNow(B);
  await syncNow(A, 'tune'); // the branch's sync pulls main too (its main policy is "notify")
  // Settled on main without Alice leaving her branch: no open conflict, one audit entry.
  await expect(A.getByTestId('current-branch')).toHaveText('tune');
  await A.getByTestId('open-conflicts').click();
  await A.getByTestId('inbox-tab-auto').click();
  const audit = A.getByTestId(`audit-row-${path}`);
  await expect(audit).toContainText('on main · prefer-remote: kept remote', { timeout: 20_000 });
  await A.getByTestId('inbox-tab-open').click();
  await expect(A.getByTestId('inbox-empty')).toBeVisible();
  await A.getByTestId('inbox-tab-auto').click();
  await shot(A, 'conflicts-auto-resolved');
  // Revisit: the policy's result against the version it dropped.
  await A.getByTestId(`reopen-${path}`).click();
  await expect(A.getByTestId('resolver-local')).toContainText('fee: 3 (bob)');
  await expect(A.getByTestId('resolver-remote')).toContainText('fee: 2 (alice)');
  await closeConflicts(A);
  // Bob's version stands on main for both.
  await syncNow(A, 'tune');
  await syncNow(B);
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toBe('fee: 3 (bob)');
  await switchBranch(A, 'main');
  await openItem(A, path);
  expect(await editorText(A)).toBe('fee: 3 (bob)');
});
