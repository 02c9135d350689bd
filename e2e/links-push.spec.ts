import { runGit } from '../src-main/git/run';
import { upstreamClone } from '../src-main/git/test-support';
import { startForgeStandIn, type ForgeStandIn } from '../src-main/links/forge-stand-in';
import { openItem, setContent } from './support/actions';
import { expect, test } from './support/fixtures';

/**
 * Push of a linked namespace as a pull request, against the forge stand-in
 * (real bare repositories over git http-backend, GitHub's REST answers):
 * alice owns alice/crm; the app's forge token is bob's, who may not push
 * there, so the push forks, pushes to bob/crm and opens a pull request.
 */
let forge: ForgeStandIn;
test.beforeAll(async () => {
  forge = await startForgeStandIn({ tokens: { 'alice-token': 'alice', 'bob-token': 'bob' } });
});
test.afterAll(async () => {
  await forge.close();
});

test('push a linked namespace’s edit without write access: fork, pull request, its link shown', async ({
  app,
}) => {
  test.setTimeout(120_000); // real git over http-backend at every step
  const { page } = app;
  // alice's clone of her repository on the forge (pushes carry her token).
  const crm = await upstreamClone(forge.asRemote('alice', 'alice-token'), 'crm');
  await crm.release('v1.0.0', { 'components/crm/lookup.yaml': 'name: lookup\ntimeout: 30\n' });

  // The forge token is set in Settings; the page learns only that one is set.
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('dialog-settings');
  await expect(settings.getByTestId('forge-none')).toBeVisible();
  await settings.getByTestId('forge-base-url').fill(forge.apiUrl);
  await settings.getByTestId('forge-token').fill('not-a-token');
  await settings.getByTestId('forge-save').click();
  await expect(settings.getByTestId('forge-error')).toContainText('refused the token');
  await settings.getByTestId('forge-token').fill('bob-token');
  await settings.getByTestId('forge-save').click();
  await expect(settings.getByTestId('forge-list')).toContainText(`${forge.apiUrl} token set`);
  await expect(settings.getByTestId('forge-token')).toHaveValue('');
  await settings.getByTestId('forge-settings').screenshot({ path: 'docs/screenshots/settings-forges.png' });
  await settings.getByTestId('dialog-done').click();

  await page.getByTestId('open-links').click();
  await page.getByTestId('link-namespace').fill('Acme.Crm');
  await page.getByTestId('link-repository').fill(forge.gitUrl('alice', 'crm'));
  await page.getByTestId('link-path').fill('components/crm');
  await page.getByTestId('link-wanted').fill('^1.0.0');
  await page.getByTestId('link-submit').click();
  const row = page.getByTestId('link-row-Acme.Crm');
  await expect(row.getByTestId('link-status')).toHaveText('synced', { timeout: 20_000 });
  // Nothing to push yet: the button says why.
  await row.click();
  await expect(page.getByTestId('link-push-start')).toBeDisabled();
  await expect(page.getByTestId('link-push-reason')).toContainText('Nothing to push');

  await page.getByTestId('links-close').click();
  await openItem(page, 'Acme.Crm.lookup');
  await setContent(page, 'name: lookup\ntimeout: 60\n');
  await page.getByTestId('open-links').click();
  await expect(row.getByTestId('link-status')).toHaveText('modified', { timeout: 20_000 });
  await row.click();

  // The confirmation says what goes where; then the push runs and shows the pull request.
  await page.getByTestId('link-push-start').click();
  const confirm = page.getByTestId('link-push-confirm');
  await expect(confirm.getByTestId('link-push-changes')).toHaveText('changed Acme.Crm.lookup');
  await expect(confirm).toContainText(forge.gitUrl('alice', 'crm'));
  await page
    .getByTestId('links-screen')
    .screenshot({ path: 'docs/screenshots/linked-namespaces-push-confirm.png' });
  await page.getByTestId('link-push-go').click();
  await expect(page.getByTestId('link-push-outcome')).toContainText('pull request #1 opened (open)', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('link-push-outcome')).toContainText('of bob/crm');
  await expect(page.getByTestId('link-push-pr')).toHaveAttribute('href', /\/alice\/crm\/pull\/1$/);
  await expect(page.getByTestId('link-push-pr-state')).toHaveText('open');
  await expect(row.getByTestId('link-status')).toHaveText('forked');
  await expect(page.getByTestId('links-detail')).toContainText('in fork bob/crm');
  // The same edits again would only repeat it: the button says where they wait.
  await expect(page.getByTestId('link-push-start')).toBeDisabled();
  await expect(page.getByTestId('link-push-reason')).toHaveText(
    'These edits already wait in pull request #1.',
  );
  await page
    .getByTestId('links-screen')
    .screenshot({ path: 'docs/screenshots/linked-namespaces-pushed.png' });

  // What the forge holds: the branch in bob's fork with the edit, and one open pull request into alice/crm.
  const pulls = (await (
    await fetch(`${forge.apiUrl}/repos/alice/crm/pulls`, { headers: { authorization: 'Bearer alice-token' } })
  ).json()) as { head: { label: string; sha: string } }[];
  expect(pulls.map((p) => p.head.label)).toEqual([expect.stringMatching(/^bob:tether\/Acme\.Crm-\d+$/)]);
});

test('push a linked namespace’s edit with write access: a new branch upstream, never forced', async ({
  app,
}) => {
  test.setTimeout(120_000); // real git over http-backend at every step
  const { page } = app;
  // alice owns alice/tools, and the app's forge token is hers: the forge says she may push there.
  const tools = await upstreamClone(forge.asRemote('alice', 'alice-token'), 'tools');
  await tools.release('v1.0.0', { 'components/tools/mail.yaml': 'name: mail\nretries: 1\n' });
  const mainBefore = await tools.rev('HEAD');

  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('dialog-settings');
  await settings.getByTestId('forge-base-url').fill(forge.apiUrl);
  await settings.getByTestId('forge-token').fill('alice-token');
  await settings.getByTestId('forge-save').click();
  await expect(settings.getByTestId('forge-list')).toContainText(`${forge.apiUrl} token set`);
  await settings.getByTestId('dialog-done').click();

  await page.getByTestId('open-links').click();
  await page.getByTestId('link-namespace').fill('Acme.Tools');
  await page.getByTestId('link-repository').fill(forge.gitUrl('alice', 'tools'));
  await page.getByTestId('link-path').fill('components/tools');
  await page.getByTestId('link-wanted').fill('^1.0.0');
  await page.getByTestId('link-submit').click();
  const row = page.getByTestId('link-row-Acme.Tools');
  await expect(row.getByTestId('link-status')).toHaveText('synced', { timeout: 20_000 });
  await page.getByTestId('links-close').click();
  await openItem(page, 'Acme.Tools.mail');
  await setContent(page, 'name: mail\nretries: 3\n');
  await page.getByTestId('open-links').click();
  await expect(row.getByTestId('link-status')).toHaveText('modified', { timeout: 20_000 });
  await row.click();

  await page.getByTestId('link-push-start').click();
  await expect(page.getByTestId('link-push-changes')).toHaveText('changed Acme.Tools.mail');
  await page.getByTestId('link-push-go').click();
  const outcome = page.getByTestId('link-push-outcome');
  await expect(outcome).toContainText(/^Pushed to branch tether\/Acme\.Tools-\d+ of alice\/tools\.$/, {
    timeout: 30_000,
  });
  // No fork, no pull request: the branch is upstream's own; the edits stay "modified" here.
  await expect(page.getByTestId('link-push-pr')).toHaveCount(0);
  await expect(page.getByTestId('link-push-sync-fork')).toHaveCount(0);
  await expect(page.getByTestId('link-push-last')).toContainText('of alice/tools');
  await expect(row.getByTestId('link-status')).toHaveText('modified');
  await expect(page.getByTestId('link-push-reason')).toHaveText(
    /^These edits are already in branch tether\/Acme\.Tools-\d+ upstream\.$/,
  );
  await page
    .getByTestId('links-screen')
    .screenshot({ path: 'docs/screenshots/linked-namespaces-pushed-direct.png' });

  // What the bare repository holds: the new branch with the edit on the lock's commit; main untouched.
  const branch = /tether\/Acme\.Tools-\d+/.exec((await outcome.textContent()) ?? '')![0];
  const git = (...args: string[]) => runGit(args, { cwd: tools.dir });
  await git('fetch', '-q', 'origin');
  expect(await git('show', `origin/${branch}:components/tools/mail.yaml`)).toBe('name: mail\nretries: 3\n');
  expect((await git('rev-parse', `origin/${branch}^`)).trim()).toBe(mainBefore);
  expect((await git('rev-parse', 'origin/main')).trim()).toBe(mainBefore);
  const pulls = (await (
    await fetch(`${forge.apiUrl}/repos/alice/tools/pulls`, {
      headers: { authorization: 'Bearer alice-token' },
    })
  ).json()) as unknown[];
  expect(pulls).toEqual([]);
});
