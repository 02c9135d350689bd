import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { newItem, openItem, setContent } from './support/actions';
import { connectedTest, expect } from './support/fixtures';
import { freePort } from './support/host-process';
import { ServerProcess } from './support/server-process';
import { editorShows, shot, syncNow } from './support/two-people';

/**
 * Issue 13, as a new team meets it: a fresh server where nobody owns
 * anything. Alice creates Acme.Billing (the dialog says her first sync makes
 * her its owner), edits and syncs: her items read synced, and Bob sees them.
 * Bob's edit in Acme.Billing waits for Alice's approval.
 */
const state: { server: ServerProcess | null; dir: string; tokens: Record<string, string> } = {
  server: null,
  dir: '',
  tokens: {},
};
const test = connectedTest(() => ({ url: (state.server as ServerProcess).url, tokens: state.tokens }));

test.beforeAll(async () => {
  state.dir = await mkdtemp(path.join(tmpdir(), 'tether-e2e-trust-server-'));
  state.server = new ServerProcess(state.dir, await freePort());
  await state.server.start();
  for (const name of ['alice', 'bob']) state.tokens[name] = await state.server.userWithToken(name);
});

test.afterAll(async () => {
  await state.server?.stop();
  if (state.dir) await rm(state.dir, { recursive: true, force: true });
});

test.setTimeout(180_000);

const badgeOf = (page: Page, itemPath: string) =>
  page.getByTestId(`item-row-${itemPath}`).locator('[data-badge]');

test('the first to sync into a new namespace owns it; her work syncs, a colleague’s waits for her', async ({
  connected,
}) => {
  const [alice, bob] = [await connected('alice'), await connected('bob')];
  const [A, B] = [alice.page, bob.page];

  await A.getByTestId('namespace-new').click();
  await A.getByTestId('new-namespace-path').fill('Acme.Billing');
  await expect(A.getByTestId('new-namespace-owner')).toHaveText(
    'Nobody owns Acme yet: your first sync into it makes you its owner.',
  );
  await shot(A, 'trust-new-namespace-claim');
  await A.getByTestId('dialog-submit').click();
  await expect(A.getByTestId('dialog-new-namespace')).toBeHidden();

  await newItem(A, 'Acme.Billing', 'charge');
  await setContent(A, 'export const charge = (n: number) => n;');
  await newItem(A, 'Acme.Billing', 'refund');
  await setContent(A, 'export const refund = (n: number) => -n;');
  await syncNow(A);
  for (const item of ['Acme.Billing.charge', 'Acme.Billing.refund']) {
    await expect(badgeOf(A, item)).toHaveAttribute('data-badge', 'synced', { timeout: 20_000 });
  }
  await expect(A.getByTestId('ns-owners-Acme')).toContainText('you');
  await shot(A, 'trust-owner-synced');

  await syncNow(B);
  await openItem(B, 'Acme.Billing.charge');
  await editorShows(B, 'export const charge');
  await expect(B.getByTestId('ns-owners-Acme')).toContainText('alice');
  await setContent(B, 'export const charge = (n: number) => Math.round(n);');
  await expect(badgeOf(B, 'Acme.Billing.charge')).toHaveAttribute('data-badge', 'awaiting-approval');
  await syncNow(B);
  await expect(badgeOf(B, 'Acme.Billing.charge')).toHaveAttribute('data-badge', 'awaiting-approval');
  await shot(B, 'trust-colleague-awaits-owner');

  // Bob's dialog for a namespace under Alice's says so, and promises him nothing.
  await B.getByTestId('namespace-new').click();
  await B.getByTestId('new-namespace-path').fill('Acme.Payroll');
  await expect(B.getByTestId('new-namespace-owner')).toHaveText(
    'alice owns it: your edits there wait for their approval.',
  );
  await B.getByTestId('dialog-cancel').click();
});
