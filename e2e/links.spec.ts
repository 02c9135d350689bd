import { startGitHttpRemote, upstreamClone, type GitHttpRemote } from '../src-main/git/test-support';
import { closeConflicts, newItem, openItem, setContent } from './support/actions';
import { expect, test } from './support/fixtures';

let remote: GitHttpRemote;
test.beforeAll(async () => {
  remote = await startGitHttpRemote();
});
test.afterAll(async () => {
  await remote.close();
});

test('link a namespace, see it synced, modified after an edit and outdated after an upstream release, preview the pull, pull with merge and resolve its conflict', async ({
  app,
}) => {
  test.setTimeout(120_000); // real git over http-backend at every step: past 60 s on a loaded machine
  const { page } = app;
  const crm = await upstreamClone(remote, 'crm-tools');
  await crm.release('v1.0.0', {
    'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n',
    'components/crm/format.ts': 'export const format = 1;\n',
  });
  const mail = await upstreamClone(remote, 'mail');
  await mail.release('v0.3.0', { 'components/crm/compose.yaml': 'name: compose\n' });

  await page.getByTestId('open-links').click();
  const screen = page.getByTestId('links-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('links-summary')).toHaveText('No linked namespaces');

  const link = async (namespace: string, repository: string, range: string) => {
    await page.getByTestId('link-namespace').fill(namespace);
    await page.getByTestId('link-repository').fill(repository);
    await page.getByTestId('link-path').fill('components/crm');
    await page.getByTestId('link-wanted').fill(range);
    await page.getByTestId('link-submit').click();
    const row = page.getByTestId(`link-row-${namespace}`);
    await expect(page.getByTestId('link-submit')).toHaveText('Link', { timeout: 20_000 });
    await expect(page.getByTestId('link-error')).toHaveCount(0);
    await expect(row).toBeVisible();
  };
  // A range nothing meets is refused in words, and nothing is written.
  await page.getByTestId('link-namespace').fill('Acme.Crm');
  await page.getByTestId('link-repository').fill(remote.url('crm-tools'));
  await page.getByTestId('link-path').fill('components/crm');
  await page.getByTestId('link-wanted').fill('^2.0.0');
  await page.getByTestId('link-submit').click();
  await expect(page.getByTestId('link-error')).toContainText('no version tag satisfies ^2.0.0', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('links-summary')).toHaveText('No linked namespaces');

  await link('Acme.Crm', remote.url('crm-tools'), '^1.0.0');
  await link('Acme.Mail', remote.url('mail'), '~0.3.0');
  const crmRow = page.getByTestId('link-row-Acme.Crm');
  await expect(crmRow.getByTestId('link-status')).toHaveText('synced', { timeout: 20_000 });
  await expect(page.getByTestId('links-summary')).toHaveText('2 synced');
  // The lock is the screen's record, not an item of the list.
  await expect(page.getByTestId('item-row-Acme.Crm.lookup')).toBeAttached();
  await expect(page.getByTestId('item-row-Acme.Crm._link')).toHaveCount(0);

  // An edit of a linked item makes the namespace modified.
  await page.getByTestId('links-close').click();
  await openItem(page, 'Acme.Crm.lookup');
  await setContent(page, 'name: lookup\ntimeout: 60\n');
  // Upstream releases 1.1.0: after a check, Acme.Mail is still synced, Acme.Crm modified and outdated.
  await crm.release('v1.1.0', { 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 45\n' });
  await page.getByTestId('open-links').click();
  await page.getByTestId('links-refresh').click();
  await expect(crmRow.getByTestId('link-status')).toHaveText('modified', { timeout: 20_000 });
  await expect(crmRow).toContainText('outdated');
  await expect(crmRow).toContainText('1.1.0');
  await expect(page.getByTestId('links-summary')).toHaveText('1 synced, 1 modified');
  await crmRow.click();
  // The detailed view: each changed item with its diff against upstream's version at the lock.
  await expect(page.getByTestId('links-changed')).toContainText('Acme.Crm.lookup changed here');
  const diff = page.getByTestId('links-diff-Acme.Crm.lookup');
  await expect(diff.locator('.appr-removed')).toHaveText('−timeout: 30');
  await expect(diff.locator('.appr-added')).toHaveText('+timeout: 60');
  await expect(page.getByTestId('links-detail')).toContainText(
    '1 changed item not pushed upstream; upstream has a newer commit.',
  );
  await screen.screenshot({ path: 'docs/screenshots/linked-namespaces.png' });

  // The dry-run: the edited item clashes with upstream's change under merge and rebase; nothing changes.
  await page.getByTestId('links-preview-pull').click();
  const row = page.getByTestId('preview-row-lookup.yaml');
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId('outcome-fastForward')).toHaveText('blocked');
  await expect(row.getByTestId('outcome-merge')).toHaveText('conflict');
  await expect(row.getByTestId('outcome-rebase')).toHaveText('conflict');
  await expect(row.getByTestId('outcome-overwrite')).toHaveText('replace');
  await expect(page.getByTestId('links-preview')).toContainText('Merge: 1 conflict');
  await expect(page.getByTestId('links-preview')).not.toContainText('format.ts');
  await expect(crmRow.getByTestId('link-status')).toHaveText('modified');
  await screen.screenshot({ path: 'docs/screenshots/linked-namespaces-preview.png' });

  // Fast-forward is not offered while an item differs from the lock, and says why.
  await page.getByTestId('pull-strategy-fastForward').check();
  await expect(page.getByTestId('links-apply-pull')).toBeDisabled();
  await expect(page.getByTestId('links-apply-why')).toHaveText(
    '1 item is changed here; fast-forward needs the namespace as the lock left it.',
  );
  // Merge: the lock moves to 1.1.0 and the clash lands in the conflicts inbox.
  await page.getByTestId('pull-strategy-merge').check();
  await page.getByTestId('links-apply-pull').click();
  await expect(page.getByTestId('links-pulled')).toContainText('with merge: 1 in conflict.', {
    timeout: 20_000,
  });
  await expect(crmRow.getByTestId('link-status')).toHaveText('conflict');
  await expect(page.getByTestId('links-conflicted-Acme.Crm.lookup')).toContainText('in conflict');
  await expect(crmRow.locator('td').nth(2)).toContainText('1.1.0');
  await screen.screenshot({ path: 'docs/screenshots/linked-namespaces-pulled.png' });

  await page.getByTestId('links-open-conflicts').click();
  const conflict = page.getByTestId('conflict-row-Acme.Crm.lookup');
  await expect(conflict).toContainText('edit/edit');
  await conflict.locator('.inbox-open').click();
  await expect(page.getByTestId('resolver')).toBeVisible();
  await expect(page.getByTestId('resolver-result')).toContainText('timeout');
  await page.getByTestId('take-remote-1').click();
  await expect(page.getByTestId('conflicts-left')).toHaveText('No conflicts left');
  await page.getByTestId('resolver-save').click();
  await expect(page.getByTestId('conflict-inbox')).toBeVisible();
  await expect(conflict).toHaveCount(0);
  await closeConflicts(page);

  // Resolved with one side, the namespace is at 1.1.0 with nothing in conflict.
  await page.getByTestId('open-links').click();
  await expect(crmRow.getByTestId('link-status')).not.toHaveText('conflict', { timeout: 20_000 });
  await expect(crmRow.locator('td').nth(2)).toContainText('1.1.0');
  await expect(crmRow).not.toContainText('outdated');

  // Stash: the edit is set aside before upstream's version is taken, and reapplied from the screen.
  await page.getByTestId('links-close').click();
  await openItem(page, 'Acme.Crm.lookup');
  await setContent(page, 'name: lookup\ntimeout: 90\n');
  await page.getByTestId('open-links').click();
  await crmRow.click();
  await page.getByTestId('links-preview-pull').click();
  await expect(row.getByTestId('outcome-stash')).toHaveText('replace', { timeout: 20_000 });
  await page.getByTestId('pull-strategy-stash').check();
  await page.getByTestId('links-apply-pull').click();
  await expect(page.getByTestId('links-pulled')).toContainText('1 local edit saved first', {
    timeout: 20_000,
  });
  const stash = page.getByTestId('set-aside-stash');
  await expect(stash).toContainText('Stashed: 1 local edit (lookup)');
  await expect(page.getByTestId('links-changed')).toHaveCount(0);
  await screen.screenshot({ path: 'docs/screenshots/linked-namespaces-stash.png' });
  await stash.getByTestId('set-aside-restore').click();
  await expect(stash).toHaveCount(0);
  await expect(page.getByTestId('links-diff-Acme.Crm.lookup').locator('.appr-added')).toHaveText(
    '+timeout: 90',
  );

  // Upstream out of reach (travel mode): the pull waits in the sync queue and runs once it is back.
  await crm.release('v1.2.0', { 'components/crm/fresh.yaml': 'name: fresh\n' });
  const travel = async (on: boolean) => {
    // No server here: the tray's Travel mode switches it (the bar's switch needs a server).
    await page.getByTestId('links-close').click();
    await page.getByTestId('tray-standin').click();
    await page.getByTestId('tray-travel').click();
    if (on) await page.getByTestId('travel-confirm').click();
    await page.getByTestId('tray-standin').click();
    await expect(page.getByTestId('tray-travel')).toHaveAttribute('aria-checked', String(on));
    await page.keyboard.press('Escape');
    await page.getByTestId('open-links').click();
    await crmRow.click();
  };
  await travel(true);
  await page.getByTestId('pull-strategy-merge').check();
  await page.getByTestId('links-queue-pull').click();
  await expect(page.getByTestId('links-pull-notice')).toHaveText(
    'Pulling Acme.Crm (merge) waits in the sync queue until upstream can be reached.',
  );
  await screen.screenshot({ path: 'docs/screenshots/linked-namespaces-pull-queued.png' });
  await travel(false);
  await expect(crmRow.locator('td').nth(2)).toContainText('1.2.0', { timeout: 20_000 });
  await expect(page.getByTestId('links-pulled')).toContainText('Pulled 1.2.0');
  // The queue entry is done: the line saying the pull waits has gone with it.
  await expect(page.getByTestId('links-pull-notice')).toHaveCount(0);
});

test('an item added here while upstream added the same file otherwise: merge puts both in the conflicts inbox', async ({
  app,
}) => {
  test.setTimeout(120_000); // real git over http-backend at every step
  const { page } = app;
  const crm = await upstreamClone(remote, 'crm-added');
  await crm.release('v1.0.0', { 'components/crm/lookup.yaml': 'name: lookup\n' });
  await page.getByTestId('open-links').click();
  await page.getByTestId('link-namespace').fill('Acme.Crm');
  await page.getByTestId('link-repository').fill(remote.url('crm-added'));
  await page.getByTestId('link-path').fill('components/crm');
  await page.getByTestId('link-wanted').fill('^1.0.0');
  await page.getByTestId('link-submit').click();
  const crmRow = page.getByTestId('link-row-Acme.Crm');
  await expect(crmRow.getByTestId('link-status')).toHaveText('synced', { timeout: 20_000 });

  // Here: a new item Acme.Crm.rates. Upstream, meanwhile: a file rates.yaml of its own.
  await page.getByTestId('links-close').click();
  await newItem(page, 'Acme.Crm', 'rates', 'component');
  await openItem(page, 'Acme.Crm.rates');
  await setContent(page, 'name: rates\nlocal: 1\n');
  await crm.release('v1.1.0', { 'components/crm/rates.yaml': 'name: rates\nupstream: 2\n' });
  await page.getByTestId('open-links').click();
  await page.getByTestId('links-refresh').click();
  await expect(crmRow).toContainText('outdated', { timeout: 20_000 });
  await crmRow.click();
  await page.getByTestId('links-preview-pull').click();
  const row = page.getByTestId('preview-row-rates.yaml');
  await expect(row.getByTestId('outcome-merge')).toHaveText('conflict', { timeout: 20_000 });
  await expect(row.getByTestId('outcome-rebase')).toHaveText('conflict');
  await expect(row.getByTestId('outcome-fastForward')).toHaveText('blocked');
  await expect(row.getByTestId('outcome-overwrite')).toHaveText('replace');

  await page.getByTestId('pull-strategy-merge').check();
  await page.getByTestId('links-apply-pull').click();
  await expect(page.getByTestId('links-pulled')).toContainText('1 in conflict', { timeout: 20_000 });
  await expect(crmRow.getByTestId('link-status')).toHaveText('conflict');
  await page.getByTestId('links-open-conflicts').click();
  const conflict = page.getByTestId('conflict-row-Acme.Crm.rates');
  await expect(conflict).toContainText('edit/edit');
  await conflict.locator('.inbox-open').click();
  await expect(page.getByTestId('resolver')).toBeVisible();
  await expect(page.getByTestId('resolver')).toContainText('upstream: 2');
  await expect(page.getByTestId('resolver')).toContainText('local: 1');
  await page.screenshot({ path: 'docs/screenshots/linked-namespaces-add-add.png' });
  await page.getByTestId('take-remote-1').click();
  await expect(page.getByTestId('conflicts-left')).toHaveText('No conflicts left');
  await page.getByTestId('resolver-save').click();
  await expect(conflict).toHaveCount(0);
  await closeConflicts(page);
  await openItem(page, 'Acme.Crm.rates');
  await expect(page.getByTestId('editor-content')).toContainText('upstream: 2');
});
