import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startGitHttpRemote, type GitHttpRemote } from '../src-main/git/test-support';
import { newItem, setContent } from './support/actions';
import { expect, test } from './support/fixtures';

const exec = promisify(execFile);
const git = (cwd: string, ...args: string[]) =>
  exec('git', args, { cwd }).then(
    (out) => out.stdout.trim(),
    () => null,
  );

let remote: GitHttpRemote;
test.beforeAll(async () => {
  remote = await startGitHttpRemote();
});
test.afterAll(async () => {
  await remote.close();
});

/**
 * Travel mode with git auto-push: the push after a commit waits in the sync
 * queue as "Push to git remote origin" (nothing reaches the remote), and goes
 * to the real remote (git http-backend on loopback) when travel mode is off.
 */
test('git auto-push waits in the sync queue during travel mode and reaches the remote after', async ({
  app,
}) => {
  const { page } = app;
  const bare = await remote.createRepo('travel-e2e');
  const folder = await mkdtemp(path.join(tmpdir(), 'tether-e2e-gitq-'));
  try {
    await page.keyboard.press('ControlOrMeta+,');
    const settings = page.getByTestId('settings-folder-git');
    await settings.getByTestId('settings-mirror-folder').fill(folder);
    await settings.getByTestId('settings-git-enabled').check();
    await settings.getByTestId('settings-git-autocommit').selectOption('off');
    await settings.getByTestId('settings-git-remote').fill(remote.url('travel-e2e'));
    await settings.getByTestId('settings-git-autopush').check();
    await settings.getByTestId('settings-mirror-save').click();
    await expect(settings.getByTestId('git-commit-now')).toBeVisible();
    await page.keyboard.press('Escape');

    // Travel mode on, from the tray (this profile has no server).
    await page.getByTestId('tray-standin').click();
    await page.getByTestId('tray-travel').click();
    await page.getByTestId('travel-confirm').click();
    await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'true');

    await newItem(page, 'Acme.Billing', 'charge', 'fn');
    await setContent(page, 'export const charge = 1;\n');
    await expect
      .poll(() => git(folder, 'status', '--porcelain', '-uall'), { timeout: 10_000 })
      .toContain('charge.ts');
    await page.keyboard.press('ControlOrMeta+,');
    await page.getByTestId('git-commit-now').click();
    await expect(page.getByTestId('git-action-message')).toContainText(
      'Committed: Added Acme.Billing.charge',
    );
    // Pushing by hand says where the push is, instead of refusing.
    await page.getByTestId('git-push').click();
    await expect(page.getByTestId('git-action-message')).toHaveText(
      'Push to git remote origin waits in the sync queue until travel mode is off.',
    );
    await page.keyboard.press('Escape');

    await page.keyboard.press('ControlOrMeta+Shift+U');
    const queue = page.getByTestId('dialog-queue');
    const row = queue.getByTestId('queue-row').filter({ hasText: 'Push to git remote origin' });
    await expect(row).toHaveCount(1);
    await queue.screenshot({ path: 'docs/screenshots/queue-git-push-travel.png' });
    await page.keyboard.press('Escape');
    // The tray (the page's stand-in in browser mode) says the folder's state: one commit not on the remote.
    await page.getByTestId('tray-standin').click();
    await expect(page.getByTestId('tray-tooltip')).toContainText('Folder watched · 1 ahead, 0 behind');
    await page.getByTestId('tray-menu').screenshot({ path: 'docs/screenshots/tray-folder-git-travel.png' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('ControlOrMeta+Shift+U');
    await page.waitForTimeout(1_000); // time for a stray push to land
    expect(await git(bare, 'rev-parse', '--verify', '-q', 'refs/heads/main')).toBeNull();
    await page.keyboard.press('Escape');

    // Travel mode off: the entry runs and the remote has the commit.
    await page.getByTestId('travel-switch').click();
    await expect(page.getByTestId('travel-switch')).toHaveCount(0);
    const local = await git(folder, 'rev-parse', 'HEAD');
    await expect.poll(() => git(bare, 'rev-parse', 'refs/heads/main'), { timeout: 15_000 }).toBe(local);
    await page.keyboard.press('ControlOrMeta+Shift+U');
    await expect(queue.getByTestId('queue-row').filter({ hasText: 'Push to git remote origin' })).toHaveCount(
      0,
    );
    await page.keyboard.press('Escape');
    await page.getByTestId('tray-standin').click();
    await expect(page.getByTestId('tray-tooltip')).toContainText('Folder watched · 0 ahead, 0 behind');
    await page.getByTestId('tray-menu').screenshot({ path: 'docs/screenshots/tray-folder-git.png' });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
