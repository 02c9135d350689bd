import type { Page } from '@playwright/test';
import { closeToasts, newItem, setContent } from './support/actions';
import type { TetherApp } from './support/fixtures';
import { addChange, readyDraft } from './support/release-actions';
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
  const bob = await connected('bob');
  const B = bob.page;
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
  // The draft's life: a change added by mistake goes again; bob collaborates; two proofs per change.
  await addChange(A, 'TMP-1', 'Acme.mail', 'Added by mistake');
  await A.getByTestId('release-change-remove-TMP-1').click();
  await expect(A.getByTestId('release-change-TMP-1')).toHaveCount(0);
  await A.getByTestId('release-collaborator-name').fill('bob');
  await A.keyboard.press('Enter');
  await expect(A.getByTestId('release-collaborator-bob')).toBeVisible();
  await A.getByTestId('release-required-proofs').fill('2');
  await A.getByTestId('release-required-proofs-save').click();
  await expect(A.getByTestId('release-gate')).toContainText('Ready for promotion: no');
  await expect(A.getByTestId('release-gate')).toContainText('FEAT-101 Billing rates: 0 of 2 passing proofs');
  await expect(A.getByTestId('release-promote')).toBeDisabled();
  await shot(A, 'releases-draft');

  // Bob finds it in his list (it came over the live stream) and proves each change.
  await B.getByTestId('open-releases').click();
  await expect(B.getByTestId('release-row-2.0.0')).toContainText('Draft');
  await B.getByTestId('release-row-2.0.0').focus();
  await B.keyboard.press('Enter');
  for (const [id] of CHANGES) await prove(B, id, `checked ${id}`);
  await expect(B.getByTestId('release-gate')).toContainText(
    'BUG-50 Session timeout mail: 1 of 2 passing proofs',
  );
  // His proof is his to edit; who collaborates is Alice's choice; the gate a collaborator may set.
  await B.getByTestId('release-proof-edit-BUG-50-rc.1').click();
  await B.getByTestId('release-proof-note').fill('checked BUG-50 again, with mail');
  await B.getByTestId('release-proof-save').click();
  await expect(B.getByTestId('release-proof-BUG-50-rc.1')).toContainText('by bob — checked BUG-50 again');
  await expect(B.getByTestId('release-collaborators')).toContainText('Only alice chooses who collaborates');
  await B.getByTestId('release-required-proofs').fill('1');
  await B.getByTestId('release-required-proofs-save').click();
  await expect(B.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
  await shot(B, 'releases-proven');

  // Alice's page follows Bob's proofs live (not hers to edit); she promotes.
  await expect(A.getByTestId('release-gate')).toContainText('Ready for promotion: yes', { timeout: 15_000 });
  await expect(A.getByTestId('release-proof-BUG-50-rc.1')).toContainText('with mail');
  await expect(A.getByTestId('release-proof-edit-BUG-50-rc.1')).toHaveCount(0);
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
  await B.getByTestId('release-use-offered').click();
  await expect(B.getByTestId('release-version')).toHaveValue('2.0.1');
  await B.keyboard.press('Escape');

  // A real race: Bob's page holds the ready draft of 2.1.0 while the live stream is held up (a slow
  // network), Alice promotes it, then Bob does. He is refused with her name and offered 2.1.1.
  const stream = await holdLiveEvents(bob.page, () => bob.reload());
  await A.getByTestId('open-releases').click();
  await A.getByTestId('release-new').click();
  await A.getByTestId('release-version').fill('2.1.0');
  await A.keyboard.press('Enter');
  await addChange(A, 'BUG-51', 'Acme.mail', 'Mail rate 2');
  await A.getByTestId('release-prove-BUG-51').click();
  await A.getByTestId('release-proof-note').fill('signed off');
  await A.getByTestId('release-proof-save').click();
  await expect(A.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
  await B.getByTestId('open-releases').click();
  await B.getByTestId('release-row-2.1.0').click();
  await expect(B.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
  stream.hold();
  await A.getByTestId('release-promote').click();
  await expect(A.getByTestId('release-status')).toHaveText('Promoted');
  await B.getByTestId('release-promote').click();
  await expect(B.getByTestId('release-lost')).toContainText('alice promoted 2.1.0 first');
  await expect(B.getByTestId('release-status')).toHaveText('Promoted');
  await shot(B, 'releases-race-lost');
  stream.release();
  await B.getByTestId('release-draft-offered').click();
  await expect(B.getByTestId('release-detail')).toHaveAttribute('data-version', '2.1.1');
  await expect(B.getByTestId('release-change-BUG-51')).toContainText('Not proven yet');

  // What changed from 2.0.0 to 2.1.0: Acme.mail, line by line.
  await B.keyboard.press('Escape');
  await B.getByTestId('release-compare-from').selectOption({ label: '2.0.0' });
  await B.getByTestId('release-compare-to').selectOption({ label: '2.1.0' });
  await B.getByTestId('release-compare').click();
  await expect(B.getByTestId('release-diff')).toContainText('From 2.0.0 to 2.1.0: 1 item changed.');
  const mail = B.getByTestId('release-diff-item-Acme.mail');
  await expect(mail.locator('.appr-removed')).toHaveText('−rate: 1');
  await expect(mail.locator('.appr-added')).toHaveText('+rate: 2');
  await shot(B, 'releases-diff');
});

/**
 * Routes the page's bridge socket through the test so its live events
 * ('remote.changed') can be held back, as a slow network would; `reopen`
 * reloads the page so the routed socket is the one in use.
 */
async function holdLiveEvents(page: Page, reopen: () => Promise<void>) {
  let holding = false;
  const held: string[] = [];
  let toPage: ((message: string) => void) | null = null;
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    toPage = (message) => ws.send(message);
    server.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString();
      if (holding && text.includes('"remote.changed"')) held.push(text);
      else ws.send(message);
    });
  });
  await reopen();
  await expect(page.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const message of held.splice(0)) toPage?.(message);
    },
  };
}

/**
 * Reloads the page (the browser keeps its database) and opens the Releases
 * screen again. Not "wait for Synced": Bob's failed promotion stays in his
 * queue, so his status says failed until he deals with it.
 */
async function reopenReleases(app: TetherApp): Promise<void> {
  await app.reload();
  await app.page.getByTestId('open-releases').click();
  await expect(app.page.getByTestId('release-list')).toBeVisible();
}

async function travel(page: Page, on: boolean): Promise<void> {
  await page.getByTestId('travel-switch').click();
  if (on) {
    await page.getByTestId('travel-confirm').click();
    await expect(page.getByTestId('dialog-travel')).toBeHidden();
  }
  await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', String(on));
}

test('offline, a draft, its proof and a promotion wait in the outbox; a promotion someone else won fails with their name', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const bob = await connected('bob');
  const B = bob.page;
  await newItem(A, 'Acme', 'tax', 'value');
  await syncNow(A);
  await syncNow(B);

  // Alice drafts and proves 3.0.0; Bob has it open, ready, when his computer goes offline.
  await A.getByTestId('open-releases').click();
  await readyDraft(A, '3.0.0', ['TAX-1', 'Acme.tax', 'Tax table']);
  await B.getByTestId('open-releases').click();
  await B.getByTestId('release-row-3.0.0').click();
  await expect(B.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
  await travel(B, true);
  await expect(B.getByTestId('releases-offline')).toBeVisible();

  // Offline: Bob's promotion of 3.0.0 is queued; he drafts 3.1.0 with a change and proves it.
  await B.getByTestId('release-promote').click();
  await expect(B.getByTestId('release-promotion-queued')).toContainText('Promotion of 3.0.0 queued');
  await B.keyboard.press('Escape');
  await B.getByTestId('release-new').click();
  await expect(B.getByTestId('release-new-offline')).toBeVisible();
  await B.getByTestId('release-version').fill('3.1.0');
  await B.keyboard.press('Enter');
  await expect(B.getByTestId('release-local-only')).toBeVisible();
  await addChange(B, 'TAX-2', 'Acme.tax', 'Tax table 2');
  await B.getByTestId('release-prove-TAX-2').click();
  await B.getByTestId('release-proof-note').fill('checked on the plane');
  await B.getByTestId('release-proof-save').click();
  await expect(B.getByTestId('release-proof-TAX-2-queued')).toContainText('by bob — checked on the plane');
  await B.getByTestId('release-proof-edit-TAX-2-queued').click();
  await B.getByTestId('release-proof-note').fill('checked on the plane, twice');
  await B.getByTestId('release-proof-save').click();
  await expect(B.getByTestId('release-proof-TAX-2-queued')).toContainText('on the plane, twice');
  await expect(B.getByTestId('release-gate')).toContainText('Ready for promotion: yes');
  await shot(B, 'releases-offline-queued');
  await B.keyboard.press('Escape');
  await expect(B.getByTestId('release-row-3.1.0')).toContainText('Local only: waits to be sent');
  await expect(B.getByTestId('releases-sync-summary')).toHaveText('Ahead (1 local release not pushed)');
  await shot(B, 'releases-offline-list');
  await B.getByTestId('release-row-3.1.0').click();

  // Meanwhile Alice promotes 3.0.0.
  await A.getByTestId('release-promote').click();
  await expect(A.getByTestId('release-status')).toHaveText('Promoted');

  // Bob comes back: his draft and proof go through; his promotion of 3.0.0 fails, naming Alice.
  await travel(B, false);
  await expect(B.getByTestId('release-local-only')).toHaveCount(0, { timeout: 20_000 });
  await expect(B.getByTestId('release-proof-TAX-2-rc.1')).toContainText(
    'by bob — checked on the plane, twice',
  );
  await A.getByTestId('releases-back').click();
  await expect(A.getByTestId('release-row-3.1.0')).toContainText('Draft', { timeout: 15_000 });
  await B.keyboard.press('Escape');
  await B.getByTestId('release-row-3.0.0').click();
  const failed = B.getByTestId('release-send-failed');
  await expect(failed).toContainText('Version 3.0.0 was already promoted by alice at', { timeout: 20_000 });
  await expect(failed).toContainText('3.0.1 is free');
  await shot(B, 'releases-offline-promotion-lost');
  await B.getByTestId('release-draft-offered').click();
  await expect(B.getByTestId('release-detail')).toHaveAttribute('data-version', '3.0.1');
  await expect(B.getByTestId('release-change-TAX-1')).toBeVisible();

  // Hybrid mode: Bob's next draft and its proof stay on his computer until he promotes it.
  await B.keyboard.press('Escape');
  await B.getByTestId('releases-mode').selectOption('hybrid');
  await B.getByTestId('release-new').click();
  await expect(B.getByTestId('release-new-kept')).toContainText('Hybrid mode');
  await B.getByTestId('release-version').fill('4.0.0');
  await B.keyboard.press('Enter');
  await expect(B.getByTestId('release-kept')).toContainText('Hybrid mode');
  await addChange(B, 'TAX-4', 'Acme.tax', 'Tax table 4');
  await B.getByTestId('release-prove-TAX-4').click();
  await B.getByTestId('release-proof-save').click();
  await expect(B.getByTestId('release-proof-TAX-4-rc.1')).toContainText('by bob');
  await B.keyboard.press('Escape');
  await expect(B.getByTestId('releases-sync-4.0.0')).toContainText('local only');

  // Alice yanks 3.0.0: Bob's status says he is behind; his pull takes it in and keeps his draft.
  await A.getByTestId('release-row-3.0.0').click();
  await A.getByTestId('release-yank').click();
  await A.getByTestId('release-yank-reason-input').fill('wrong tax table');
  await A.getByTestId('release-yank-save').click();
  await expect(A.getByTestId('release-status')).toHaveText('Yanked');
  await expect(B.getByTestId('releases-sync-3.0.0')).toContainText('behind', { timeout: 15_000 });
  await expect(B.getByTestId('releases-sync-summary')).toHaveText(
    'Diverged (1 server release not pulled, 1 local release not pushed)',
  );
  await shot(B, 'releases-hybrid-behind');
  // A reload neither pulls nor forgets: Acme still hybrid, 3.0.0 still behind, 4.0.0 still his alone.
  await reopenReleases(bob);
  await expect(B.getByTestId('releases-mode')).toHaveValue('hybrid');
  await expect(B.getByTestId('releases-sync-3.0.0')).toContainText('behind', { timeout: 20_000 });
  await expect(B.getByTestId('releases-sync-4.0.0')).toContainText('local only');
  await expect(B.getByTestId('releases-sync-summary')).toHaveText(
    'Diverged (1 server release not pulled, 1 local release not pushed)',
  );
  await B.getByTestId('releases-pull').click();
  await expect(B.getByTestId('release-row-3.0.0')).toContainText('Yanked');
  await expect(B.getByTestId('releases-sync-summary')).toHaveText('Ahead (1 local release not pushed)');
  await expect(B.getByTestId('release-row-4.0.0')).toContainText('Local until promoted');
  // And the pull is kept: after another reload the status view says the same.
  await reopenReleases(bob);
  await expect(B.getByTestId('releases-mode')).toHaveValue('hybrid');
  await expect(B.getByTestId('releases-sync-summary')).toHaveText('Ahead (1 local release not pushed)', {
    timeout: 20_000,
  });
  await expect(B.getByTestId('releases-sync-4.0.0')).toContainText('local only');
  await expect(B.getByTestId('release-row-4.0.0')).toContainText('Local until promoted');
  await expect(B.getByTestId('release-row-3.0.0')).toContainText('Yanked');

  // Promoting sends it: the draft, the proof and the promotion reach the server; Alice hears of it.
  await B.getByTestId('release-row-4.0.0').click();
  await B.getByTestId('release-promote').click();
  await expect(B.getByTestId('release-status')).toHaveText('Promoted', { timeout: 20_000 });
  await expect(B.getByTestId('release-proof-TAX-4-rc.1')).toContainText('by bob');
  await expect(A.getByTestId('release-toast')).toContainText('bob promoted Acme 4.0.0', { timeout: 15_000 });

  // Local mode: 5.0.0 is drafted, proven and promoted on Bob's computer alone.
  await B.keyboard.press('Escape');
  await B.getByTestId('releases-mode').selectOption('local');
  await expect(B.getByTestId('release-list')).toContainText('No releases in this namespace yet.');
  await B.getByTestId('release-new').click();
  await B.getByTestId('release-version').fill('5.0.0');
  await B.keyboard.press('Enter');
  await addChange(B, 'TAX-5', 'Acme.tax', 'Tax table 5');
  await B.getByTestId('release-prove-TAX-5').click();
  await B.getByTestId('release-proof-save').click();
  await B.getByTestId('release-promote').click();
  await expect(B.getByTestId('release-status')).toHaveText('Promoted');
  await B.getByTestId('release-open-as-of').click();
  // It froze what Bob's computer held of Acme: tax, and whatever of the first test's items his
  // sync had brought in by then (the server is shared by this file's tests), so no fixed count.
  const asOf = B.getByTestId('release-as-of');
  await expect(asOf).toContainText(/Read-only: Acme as of 5\.0\.0 \(\d+ items?\)/);
  await expect(asOf).toContainText('Acme.tax');
  await B.keyboard.press('Escape');
  await B.keyboard.press('Escape');
  await expect(B.getByTestId('releases-sync-summary')).toHaveText(
    'Local mode: 1 release on this computer, none sent.',
  );
  await shot(B, 'releases-local-mode');
  // Local mode survives a reload too, with its release.
  await reopenReleases(bob);
  await expect(B.getByTestId('releases-mode')).toHaveValue('local');
  await expect(B.getByTestId('releases-sync-summary')).toHaveText(
    'Local mode: 1 release on this computer, none sent.',
  );
  await expect(B.getByTestId('release-row-5.0.0')).toContainText('Promoted');
  await shot(B, 'releases-local-mode-reloaded');
  await A.getByTestId('releases-back').click();
  await expect(A.getByTestId('release-row-4.0.0')).toContainText('Promoted');
  await expect(A.getByTestId('release-row-5.0.0')).toHaveCount(0);
});
