import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { cloneTo, startGitHttpRemote, type GitHttpRemote } from '../src-main/git/test-support';
import { RemoteClient } from '../src-main/remote/remote-client';
import { promotedAtOnce } from '../src-server/testing/releases';
import { newItem, setContent } from './support/actions';
import { connectedTest } from './support/fixtures';
import { readyDraft } from './support/release-actions';
import { BOOT_TIMEOUT_MS, expect, syncNow, TeamServer } from './support/two-people';

const exec = promisify(execFile);
/** git's answer, or null when it fails (no such ref yet). */
const git = (cwd: string, ...args: string[]) =>
  exec('git', args, { cwd }).then(
    (out) => out.stdout.trim(),
    () => null,
  );

/**
 * Releases and the folder mirror's git sync, through the running app: Alice
 * (git sync on, auto-push to a real remote over HTTP) promotes Acme 7.0.0 and
 * it becomes the annotated tag Acme/v7.0.0 in her mirror repository, on
 * Acme's items as promoted, and on the remote; later edits, another
 * promotion's news and a restart leave it where it is. 7.1.0's name is
 * already taken on the remote by someone else's tag: hers is made locally,
 * not forced over theirs, and the status bar says so. A release of Acme and
 * Beta, made through the server's API, is tagged under both.
 */
const team = new TeamServer();
const test = connectedTest(() => ({ url: team.url, tokens: team.tokens }));
test.setTimeout(300_000);

let remote: GitHttpRemote;
test.beforeAll(async () => {
  test.setTimeout(BOOT_TIMEOUT_MS);
  remote = await startGitHttpRemote();
  await team.start('releases-git', ['alice'], { Acme: ['alice'] });
});
test.afterAll(async () => {
  await remote?.close();
  await team.stop();
});

/** Acme and Beta 8.0.0, drafted and promoted through the server's API by another program of Alice's. */
async function promoteAcmeAndBeta(): Promise<void> {
  const api = new RemoteClient({ endpoint: () => ({ serverUrl: team.url, token: team.tokens.alice ?? '' }) });
  await promotedAtOnce(api, {
    namespaces: ['Acme', 'Beta'],
    version: '8.0.0',
    changes: [{ id: 'MAIL-1', type: 'merged_branch', ref: 'mail-work', title: 'Mail', assignee: null }],
  });
}

/** Drafts, proves and promotes Acme `version` in the app, then waits for its tag in the mirror repository. */
async function promoteUntilTagged(
  page: Page,
  folder: string,
  version: string,
  change: [string, string, string],
) {
  await page.getByTestId('open-releases').click();
  await readyDraft(page, version, change);
  await page.getByTestId('release-promote').click();
  await expect(page.getByTestId('release-status')).toHaveText('Promoted');
  await expect.poll(() => git(folder, 'cat-file', '-t', `Acme/v${version}`), { timeout: 20_000 }).toBe('tag');
}

async function turnOnGit(page: Page, folder: string, remoteUrl: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+,');
  const settings = page.getByTestId('settings-folder-git');
  await settings.getByTestId('settings-mirror-folder').fill(folder);
  await settings.getByTestId('settings-git-enabled').check();
  await settings.getByTestId('settings-git-autocommit').selectOption('off');
  await settings.getByTestId('settings-git-remote').fill(remoteUrl);
  await settings.getByTestId('settings-git-autopush').check();
  await settings.getByTestId('settings-mirror-save').click();
  await expect(settings.getByTestId('git-commit-now')).toBeVisible();
  await page.keyboard.press('Escape');
}

test('a promoted release is a tag in the mirror repository, pushed with auto-push, made once and never moved', async ({
  connected,
}) => {
  const alice = await connected('alice');
  const A = alice.page;
  const bare = await remote.createRepo('acme');
  const folder = await mkdtemp(path.join(tmpdir(), 'tether-e2e-release-tags-'));
  // Someone else's Acme/v7.1.0 is on the remote already, on a commit of their own.
  const other = await cloneTo(remote.url('acme'));
  await git(other, 'commit', '-q', '--allow-empty', '-m', 'theirs');
  await git(other, 'tag', '-a', '-m', 'their 7.1.0', 'Acme/v7.1.0');
  await git(other, 'push', '-q', 'origin', 'HEAD:refs/heads/theirs', 'refs/tags/Acme/v7.1.0');
  const theirs = await git(bare, 'rev-parse', 'refs/tags/Acme/v7.1.0');
  expect(theirs).toMatch(/^[0-9a-f]{40}$/);
  try {
    await turnOnGit(A, folder, remote.url('acme'));
    await newItem(A, 'Acme', 'rates', 'value');
    await setContent(A, 'rate: 1\n');
    await syncNow(A);
    const file = path.join(folder, 'Acme/rates.value.ts');
    await expect.poll(() => readFile(file, 'utf8').catch(() => null), { timeout: 10_000 }).toBe('rate: 1\n');

    // Alice promotes 7.0.0: the tag appears in her repository, then on the remote.
    await promoteUntilTagged(A, folder, '7.0.0', ['RATE-1', 'Acme.rates', 'Rates']);
    expect(await git(folder, 'show', 'Acme/v7.0.0:Acme/rates.value.ts')).toBe('rate: 1');
    expect(await git(folder, 'tag', '-n1', '-l', 'Acme/*')).toMatch(/^Acme\/v7\.0\.0 +Release Acme 7\.0\.0$/);
    const tagged = await git(folder, 'rev-parse', 'refs/tags/Acme/v7.0.0');
    await expect
      .poll(() => git(bare, 'rev-parse', 'refs/tags/Acme/v7.0.0'), { timeout: 20_000 })
      .toBe(tagged);
    expect(await git(bare, 'cat-file', '-t', 'Acme/v7.0.0')).toBe('tag');

    // Acme.rates moves on; 7.1.0 is promoted (a second promotion's news for the tagger).
    await A.getByTestId('releases-close').click();
    await setContent(A, 'rate: 2\n');
    await syncNow(A);
    await promoteUntilTagged(A, folder, '7.1.0', ['RATE-2', 'Acme.rates', 'Rates 2']);
    expect(await git(folder, 'show', 'Acme/v7.1.0:Acme/rates.value.ts')).toBe('rate: 2');

    // The remote keeps their 7.1.0 (never forced); the status bar says hers was not pushed.
    await A.getByTestId('releases-close').click();
    const chip = A.getByTestId('status-git');
    await expect(chip).toContainText('tag Acme/v7.1.0 not pushed (taken on the remote)', {
      timeout: 20_000,
    });
    expect(await git(bare, 'rev-parse', 'refs/tags/Acme/v7.1.0')).toBe(theirs);
    expect(await git(bare, 'rev-parse', 'refs/heads/main')).toBe(await git(folder, 'rev-parse', 'HEAD'));
    await A.getByTestId('status-bar').screenshot({ path: 'docs/screenshots/status-git-tag-refused.png' });

    // A release of Acme and Beta (made elsewhere, through the API) is tagged under each namespace,
    // each tag on its own namespace as released, and both go to the remote.
    await newItem(A, 'Beta.Mail', 'send', 'fn');
    await setContent(A, 'send(1)\n');
    await syncNow(A);
    await promoteAcmeAndBeta();
    await expect.poll(() => git(folder, 'cat-file', '-t', 'Beta/v8.0.0'), { timeout: 20_000 }).toBe('tag');
    expect(await git(folder, 'cat-file', '-t', 'Acme/v8.0.0')).toBe('tag');
    expect(await git(folder, 'show', 'Beta/v8.0.0:Beta/Mail/send.ts')).toBe('send(1)');
    expect(await git(folder, 'show', 'Acme/v8.0.0:Acme/rates.value.ts')).toBe('rate: 2');
    expect(await git(folder, 'tag', '-n1', '-l', '*/v8.0.0')).toMatch(
      /^Acme\/v8\.0\.0 +Release Acme, Beta 8\.0\.0\nBeta\/v8\.0\.0 +Release Acme, Beta 8\.0\.0$/,
    );
    for (const tag of ['Acme/v8.0.0', 'Beta/v8.0.0']) {
      const here = await git(folder, 'rev-parse', `refs/tags/${tag}`);
      await expect.poll(() => git(bare, 'rev-parse', `refs/tags/${tag}`), { timeout: 20_000 }).toBe(here);
    }

    // 7.0.0's tag stayed where it was, here and on the remote, and stays after a restart.
    expect(await git(folder, 'rev-parse', 'refs/tags/Acme/v7.0.0')).toBe(tagged);
    await alice.restartHost();
    await expect(A.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
    await expect(A.getByTestId('status-git')).toBeVisible();
    await A.getByTestId('open-releases').click();
    await expect(A.getByTestId('release-row-7.1.0')).toContainText('Promoted');
    expect(await git(folder, 'rev-parse', 'refs/tags/Acme/v7.0.0')).toBe(tagged);
    expect(await git(folder, 'show', 'Acme/v7.0.0:Acme/rates.value.ts')).toBe('rate: 1');
    expect(await git(bare, 'rev-parse', 'refs/tags/Acme/v7.0.0')).toBe(tagged);
    expect(await git(bare, 'rev-parse', 'refs/tags/Acme/v7.1.0')).toBe(theirs);
    expect((await git(folder, 'tag', '-l'))?.split('\n')).toEqual([
      'Acme/v7.0.0',
      'Acme/v7.1.0',
      'Acme/v8.0.0',
      'Beta/v8.0.0',
    ]);
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(path.dirname(other), { recursive: true, force: true });
  }
});
