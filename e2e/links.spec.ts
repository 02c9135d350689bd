import { startGitHttpRemote, upstreamClone, type GitHttpRemote } from '../src-main/git/test-support';
import { openItem, setContent } from './support/actions';
import { expect, test } from './support/fixtures';

let remote: GitHttpRemote;
test.beforeAll(async () => {
  remote = await startGitHttpRemote();
});
test.afterAll(async () => {
  await remote.close();
});

test('link a namespace, see it synced, modified after an edit and outdated after an upstream release, preview the pull', async ({
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
  await expect(page.getByTestId('links-changed')).toHaveText('Acme.Crm.lookup');
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
});
