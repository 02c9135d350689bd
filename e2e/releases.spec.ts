import type { Page } from '@playwright/test';
import { closeToasts, newItem, setContent } from './support/actions';
import { expect, shot, syncNow, twoPeopleOnOneServer } from './support/two-people';

/**
 * Releases with two people on one real server (both own Acme): Alice drafts
 * 2.0.0 with three changes, Bob proves them, Alice promotes; Bob hears it,
 * opens Acme as of 2.0.0 (Alice's later edit is not in it), and cannot take
 * 2.0.0 again: the refusal names Alice.
 */
const { test } = twoPeopleOnOneServer('releases');
test.setTimeout(300_000);

const CHANGES = [
  ['FEAT-101', 'Acme.billing', 'Billing rates'],
  ['FEAT-102', 'Acme.login', 'OAuth2 login'],
  ['BUG-50', 'Acme.mail', 'Session timeout mail'],
] as const;

async function addChange(page: Page, id: string, itemPath: string, title: string): Promise<void> {
  await page.getByTestId('release-change-id').fill(id);
  await page.getByTestId('release-change-type').selectOption('item');
  await page.getByTestId('release-change-ref').selectOption({ label: itemPath });
  await page.getByTestId('release-change-title').fill(title);
  await page.getByTestId('release-change-add').click();
  await expect(page.getByTestId(`release-change-${id}`)).toContainText(title);
}

/** A passed check with a note and a link, typed and sent from the keyboard. */
async function prove(page: Page, changeId: string, note: string): Promise<void> {
  await page.getByTestId(`release-prove-${changeId}`).click();
  await expect(page.getByTestId('release-proof-note')).toBeFocused();
  await page.keyboard.insertText(note);
  await page.getByTestId('release-proof-link').fill(`https://ci.example/run/${changeId}`);
  await page.getByTestId('release-proof-link').press('Enter');
  await expect(page.getByTestId(`release-proof-${changeId}-rc.1`)).toContainText(`by bob — ${note}`);
}

test('a release drafted, proven by another, promoted once; everyone hears it and can open it', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  for (const [, path] of CHANGES) await newItem(A, 'Acme', path.split('.')[1] as string, 'value');
  await setContent(A, 'rate: 1\n'); // the last one made is open: Acme.mail
  await syncNow(A);
  await syncNow(B);

  // Alice drafts 2.0.0, from the keyboard where it counts.
  await A.getByTestId('open-releases').click();
  await expect(A.getByTestId('releases-screen')).toBeVisible();
  await A.getByTestId('release-new').click();
  await expect(A.getByTestId('release-version')).toBeFocused();
  await A.keyboard.insertText('v2');
  await expect(A.getByTestId('release-create')).toBeDisabled();
  await A.getByTestId('release-version').fill('2.0.0');
  await A.keyboard.press('Enter');
  await expect(A.getByTestId('release-detail')).toHaveAttribute('data-version', '2.0.0');
  for (const [id, path, title] of CHANGES) await addChange(A, id, path, title);
  await expect(A.getByTestId('release-gate')).toContainText('Ready for promotion: no');
  await expect(A.getByTestId('release-gate')).toContainText('FEAT-101 Billing rates: 0 of 1 passing proofs');
  await expect(A.getByTestId('release-promote')).toBeDisabled();
  await shot(A, 'releases-draft');

  // Bob finds it in his list (it came over the live stream) and proves each change.
  await B.getByTestId('open-releases').click();
  await expect(B.getByTestId('release-row-2.0.0')).toContainText('Draft');
  await B.getByTestId('release-row-2.0.0').focus();
  await B.keyboard.press('Enter');
  for (const [id] of CHANGES) await prove(B, id, `checked ${id}`);
  await expect(B.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
  await shot(B, 'releases-proven');

  // Alice's page follows Bob's proofs live; she promotes.
  await expect(A.getByTestId('release-gate')).toContainText('Ready for promotion: yes', { timeout: 15_000 });
  await A.getByTestId('release-promote').click();
  await expect(A.getByTestId('release-status')).toHaveText('Promoted');

  // Bob is told, and his page shows it promoted.
  await expect(B.getByTestId('release-toast')).toContainText('alice promoted Acme 2.0.0', {
    timeout: 15_000,
  });
  await expect(B.getByTestId('release-status')).toHaveText('Promoted');
  await expect(B.getByTestId('release-detail')).toContainText('promoted by alice');
  await B.screenshot({ path: 'docs/screenshots/releases-promoted-toast.png' });

  // Alice changes Acme.mail after the release; the view as of 2.0.0 keeps what was promoted.
  await A.getByTestId('releases-close').click();
  await setContent(A, 'rate: 2\n');
  await syncNow(A);
  await closeToasts(B);
  await B.getByTestId('release-open-as-of').click();
  await expect(B.getByTestId('release-as-of')).toContainText('Read-only: Acme as of 2.0.0 (3 items)');
  await B.getByTestId('release-as-of-item-Acme.mail').click();
  await expect(B.getByTestId('release-as-of-content')).toContainText('rate: 1');
  await expect(B.getByTestId('release-as-of-content')).not.toContainText('rate: 2');
  await shot(B, 'releases-as-of');

  // Bob tries to take 2.0.0 again: refused, with Alice's name and the version that is free.
  await B.keyboard.press('Escape');
  await B.keyboard.press('Escape');
  await expect(B.getByTestId('release-list')).toBeVisible();
  await B.getByTestId('release-new').click();
  await B.getByTestId('release-version').fill('2.0.0');
  await B.keyboard.press('Enter');
  await expect(B.getByTestId('release-new-error')).toContainText(
    'Version 2.0.0 was already promoted by alice at',
  );
  await expect(B.getByTestId('release-new-error')).toContainText('2.0.1 is free');
  await shot(B, 'releases-version-taken');
});
