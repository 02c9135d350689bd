import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';

/**
 * Connecting to a team server through the connection screen: the renderer
 * only talks to main, main tests and keeps the token, and the status bar
 * moves from "Local only" to what main's reducer says once the server answers.
 */
let server: ServerProcess;
let serverDir: string;
let aliceToken: string;
let bobToken: string;

test.beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-server-'));
  // A fixed port, so the server can come back where the app expects it.
  server = new ServerProcess(serverDir, await freePort());
  await server.start();
  aliceToken = await server.userWithToken('alice');
  bobToken = await server.userWithToken('bob');
});

test.afterAll(async () => {
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
});

// Outside test-results: a concurrent Playwright run empties that folder when it starts.
const shot = (name: string) => path.join(tmpdir(), 'tether-connection-screens', `${name}.png`);

test('connect through the connection screen, see the status change, sign out', async ({ app }) => {
  test.setTimeout(120_000); // a dozen steps and a reload: at load 15 on two cores it took just over 60 s
  const { page } = app;
  await expect(page.getByTestId('status-message')).toHaveText('Local only — no server configured');

  // Reachable from the status bar popover…
  await page.getByTestId('status-bar').click();
  await page.getByTestId('open-connection').click();
  const dialog = page.getByTestId('dialog-connection');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('connection-save')).toBeDisabled();
  await dialog.screenshot({ path: shot('1-empty') });

  // A wrong token: the error, and nothing stored.
  await page.getByTestId('connection-url').fill(server.url);
  await page.getByTestId('connection-token').fill('not-a-token');
  await page.getByTestId('connection-test').click();
  const result = page.getByTestId('connection-test-result');
  await expect(result).toHaveAttribute('data-result', 'error');
  await expect(result).toContainText('The server refused the token');
  await dialog.screenshot({ path: shot('2-error') });

  // Someone else's token is refused by name.
  await page.getByTestId('connection-token').fill(bobToken);
  await page.getByTestId('connection-save').click();
  await expect(result).toHaveText("This token belongs to 'bob', but this Tether profile is 'alice'");
  await expect(page.getByTestId('status-message')).toHaveText('Local only — no server configured');

  // An address Tether cannot use is said in plain words, with no internal names, and nothing is sent.
  await page.getByTestId('connection-url').fill('ftp://127.0.0.1:8787');
  await page.getByTestId('connection-test').click();
  await expect(result).toHaveText(
    'The server address must start with http:// or https:// (or neither), not ftp://.',
  );
  await page.getByTestId('connection-url').fill('127.0.0.1:99999');
  await page.getByTestId('connection-test').click();
  await expect(result).toHaveText('The port (after the colon) must be a number from 1 to 65535.');
  await expect(result).not.toContainText('connection.');
  await dialog.screenshot({ path: shot('2b-bad-address') });

  // The right one, typed as people type it (no http://, a trailing slash): test shows who, connect saves.
  await page.getByTestId('connection-url').fill(`${new URL(server.url).host}/`);
  await page.getByTestId('connection-token').fill(aliceToken);
  await expect(page.getByTestId('connection-token')).toHaveAttribute('type', 'password');
  await page.getByTestId('connection-test').click();
  await expect(result).toHaveText('Connected as alice');
  await expect(page.getByTestId('connection-url')).toHaveValue(server.url);
  await dialog.screenshot({ path: shot('3-test-ok') });
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-user')).toHaveText('alice');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('connection-server')).toHaveText(server.url);
  await dialog.screenshot({ path: shot('4-connected') });
  await page.getByTestId('dialog-done').click();

  // The status bar now says what main's reducer says.
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', /synced|syncing/);
  await expect(page.getByTestId('status-message')).toHaveText(/^(Synced|Syncing)/);
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await page.getByTestId('status-bar').click();
  await expect(page.getByTestId('open-connection')).toContainText('alice @ 127.0.0.1');
  await page.screenshot({ path: shot('6-status-popover-connected') });
  await page.getByTestId('status-bar').click();

  // The renderer never saw the token: nothing in the page's storage holds it.
  const leaked = await page.evaluate((token) => {
    const local = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    return local.includes(token) || document.documentElement.outerHTML.includes(token);
  }, aliceToken);
  expect(leaked).toBe(false);

  // A reload (and a host restart) keeps the connection: main stored it.
  await app.restartHost();
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

  // The server goes away: the status bar says so, and that nothing is lost; it comes back by itself.
  await server.stop();
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
  await expect(page.getByTestId('status-message')).toHaveText(/^Offline — /);
  await page.screenshot({ path: shot('7-offline') });
  await server.start();
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'synced', { timeout: 40_000 });

  // Reachable from Settings too; sign out asks first and says local work stays.
  await page.getByTestId('open-settings').click();
  await page.getByTestId('dialog-settings').screenshot({ path: shot('8-settings') });
  await page.getByTestId('dialog-settings').getByTestId('open-connection').click();
  await page.getByTestId('connection-signout').click();
  await expect(page.getByText('Your local work stays on this computer')).toBeVisible();
  await dialog.screenshot({ path: shot('5-signout-confirm') });
  await page.getByTestId('connection-signout-confirm').click();
  await expect(page.getByTestId('connection-url')).toBeVisible();
  await page.getByTestId('dialog-done').click();
  await expect(page.getByTestId('status-message')).toHaveText('Local only — no server configured');
});

test('in travel mode the connection screen uses no network until travel mode is off', async ({ app }) => {
  const { page } = app;
  const dialog = page.getByTestId('dialog-connection');
  // Connected, then travel mode on, then signed out: travel mode holds, and the form is back.
  await page.getByTestId('status-bar').click();
  await page.getByTestId('open-connection').click();
  await page.getByTestId('connection-url').fill(server.url);
  await page.getByTestId('connection-token').fill(aliceToken);
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online');
  await page.getByTestId('dialog-done').click();
  await page.getByTestId('travel-switch').click();
  await page.getByTestId('travel-confirm').click();
  await expect(page.getByTestId('travel-switch')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('status-bar').click();
  await page.getByTestId('open-connection').click();
  await page.getByTestId('connection-signout').click();
  await page.getByTestId('connection-signout-confirm').click();

  // Filled in, but both buttons are off and say why; the note names the way out.
  await page.getByTestId('connection-url').fill(server.url);
  await page.getByTestId('connection-token').fill(aliceToken);
  const note = page.getByTestId('connection-travel-note');
  await expect(note).toContainText('Travel mode is on, so Tether uses no network');
  for (const id of ['connection-test', 'connection-save']) {
    await expect(page.getByTestId(id)).toBeDisabled();
    await expect(page.getByTestId(id)).toHaveAccessibleDescription(/Travel mode is on/);
  }
  // Enter in the form does not connect either.
  await page.getByTestId('connection-token').press('Enter');
  await expect(page.getByTestId('connection-test-result')).toHaveCount(0);
  await expect(page.getByTestId('connection-url')).toBeVisible();
  await dialog.screenshot({ path: path.join('docs', 'screenshots', 'connection-travel-mode.png') });

  // Turning travel mode off here enables them; the test then reaches the server.
  await page.getByTestId('connection-travel-off').click();
  await expect(note).toBeHidden();
  await page.getByTestId('connection-test').click();
  await expect(page.getByTestId('connection-test-result')).toHaveText('Connected as alice');
});
