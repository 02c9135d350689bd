import { BRIDGE_REFUSED_REASON } from '../src-shared/bridge/launch-key';
import { screenshot } from './support/actions';
import { expect, test } from './support/fixtures';

/**
 * The host's launch key from the page's side: the printed address opens the
 * app and leaves no key in the address bar, a reload keeps working, and a tab
 * opened without the key (or after the host restarted) is told what to do.
 */
test('only a page opened from the printed address reaches the host', async ({ app }) => {
  const { page } = app;
  const origin = new URL(app.host.url).origin;
  expect(app.host.bridgeKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('app')).toBeAttached();
  expect(page.url()).toBe(`${origin}/`);

  // What main says over the bridge reaches the page, also after a reload.
  const fromMain = page.getByTestId('status-message');
  await expect(fromMain).toHaveText(/^Local only/);
  await app.reload();
  await expect(fromMain).toHaveText(/^Local only/);

  // A new tab has its own sessionStorage: typed without the key, it is refused, and says why.
  const bare = await app.context.newPage();
  await bare.goto(`${origin}/`);
  await expect(bare.getByTestId('boot-error-message')).toHaveText(BRIDGE_REFUSED_REASON, { timeout: 20_000 });
  await screenshot(bare, 'bridge-key-refused');
  await bare.close();

  // A restarted host has a new key: the old tab's key no longer opens it, the new address does.
  const oldKey = app.host.bridgeKey;
  await app.host.stop();
  await app.host.start();
  expect(app.host.bridgeKey).not.toBe(oldKey);
  await page.reload();
  await expect(page.getByTestId('boot-error-message')).toHaveText(BRIDGE_REFUSED_REASON, { timeout: 20_000 });
  await app.open();
  await expect(fromMain).toHaveText(/^Local only/);
});
