import type { Page } from '@playwright/test';
import { closeToasts, newItem, openItem, setContent } from './support/actions';
import { expect, test as base, type TetherApp } from './support/fixtures';
import { BOOT_TIMEOUT_MS, editorShows, syncNow, TeamServer } from './support/two-people';

/**
 * Namespace ownership and approval requests with three people on one real
 * server: `Team` is Alice's. Bob edits it (offline, then online), asks for
 * approval; Alice reviews in her window; Bob and Carol see the outcome.
 */
const team = new TeamServer();
/** Signed-in apps; TETHER_E2E_RENDERER_DIR serves a renderer built elsewhere (parallel work in one checkout). */
const test = base.extend<{ connected: (name: string) => Promise<TetherApp> }>({
  connected: async ({ makeApp }, use) => {
    const renderer = process.env.TETHER_E2E_RENDERER_DIR;
    await use(async (name) => {
      const extra = renderer ? ['--renderer-dir', renderer] : [];
      const app = await makeApp(name, ['--server', team.url, ...extra], team.tokens[name] ?? '');
      await expect(app.page.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
      return app;
    });
  },
});

test.beforeAll(async () => {
  test.setTimeout(BOOT_TIMEOUT_MS);
  await team.start('approvals', ['alice', 'bob', 'carol'], { Team: ['alice'] });
});

test.afterAll(async () => {
  await team.stop();
});

test.setTimeout(300_000);

/** A screenshot for docs/screenshots; toasts stay when `keepToasts` (they are part of the story). */
async function shot(page: Page, name: string, keepToasts = false): Promise<void> {
  if (!keepToasts) await closeToasts(page);
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

const badgeOf = (page: Page, itemPath: string) =>
  page.getByTestId(`item-row-${itemPath}`).locator('[data-badge]');

async function openApprovals(page: Page, tab: 'mine' | 'review'): Promise<void> {
  await page.getByTestId('open-approvals').click();
  await page.getByTestId(`approvals-tab-${tab}`).click();
}

/**
 * Bob picks every awaiting change into a new request and submits it; the
 * composer shows the diff of what is submitted (`shows`: an item and a line).
 */
async function requestApproval(page: Page, title: string, shows?: [string, string]): Promise<void> {
  await openApprovals(page, 'mine');
  await page.getByTestId('approval-new').click();
  await page.getByTestId('approval-title').fill(title);
  await page.getByTestId('approval-description').fill('Asked for by finance');
  if (shows) {
    await expect(page.getByTestId(`approval-form-diff-${shows[0]}`)).toContainText(shows[1]);
    await expect(page.getByTestId('approval-form-diff')).toContainText('(1 change to 1 item)');
    await shot(page, 'approvals-composer');
  }
  await page.getByTestId('approval-submit').click();
  await expect(page.getByTestId(`my-request-${title}`)).toBeVisible();
}

async function review(page: Page, title: string, decision: 'approve' | 'reject', comment: string) {
  const close = page.getByTestId('approvals-close');
  if (await close.isVisible()) await close.click();
  await syncNow(page);
  await expect(page.getByTestId('open-approvals')).toContainText('to review', { timeout: 20_000 });
  await openApprovals(page, 'review');
  await page.getByTestId(`review-${title}`).click();
  await expect(page.getByTestId('review-state')).toHaveText('Submitted');
  await page.getByTestId('review-comment').fill(comment);
  return async () => {
    await page.getByTestId(decision === 'approve' ? 'review-approve' : 'review-reject').click();
    await expect(page.getByTestId('review-state')).toHaveText(
      decision === 'approve' ? 'Approved' : 'Rejected',
    );
  };
}

test('Bob edits Alice’s namespace offline, submits when online; Alice approves; Bob and Carol see it', async ({
  connected,
}) => {
  const [alice, bob, carol] = [await connected('alice'), await connected('bob'), await connected('carol')];
  const [A, B, C] = [alice.page, bob.page, carol.page];
  await newItem(A, 'Team', 'rate', 'value');
  await setContent(A, 'rate = 1');
  await syncNow(A);
  await expect(A.getByTestId('ns-owners-Team')).toContainText('you');
  await syncNow(B);
  await openItem(B, 'Team.rate');
  await editorShows(B, 'rate = 1');
  await expect(B.getByTestId('ns-owners-Team')).toContainText('alice');

  await team.offline(async () => {
    await setContent(B, 'rate = 2');
    await expect(badgeOf(B, 'Team.rate')).toHaveAttribute('data-badge', 'awaiting-approval');
    await shot(B, 'approvals-awaiting-badge');
    await requestApproval(B, 'Raise the rate', ['Team.rate', 'rate = 2']);
    await expect(B.getByTestId('my-request-Raise the rate').getByTestId('request-state')).toHaveText(
      'Pending submission',
    );
    await expect(B.getByTestId('my-request-Raise the rate')).toContainText('1 change');
    await expect(B.getByTestId('my-request-Raise the rate')).not.toContainText('(s)');
    await shot(B, 'approvals-author-pending-submission');
  });
  await B.getByTestId('approvals-close').click();
  await syncNow(B);
  await openApprovals(B, 'mine');
  await expect(B.getByTestId('my-request-Raise the rate').getByTestId('request-state')).toHaveText(
    'Submitted',
    {
      timeout: 20_000,
    },
  );

  const approve = await review(A, 'Raise the rate', 'approve', 'Agreed with finance');
  await expect(A.getByTestId('review-diff-Team.rate')).toContainText('rate = 2');
  await expect(A.getByTestId('review-diff-Team.rate')).toContainText('rate = 1');
  await shot(A, 'approvals-owner-review');
  await approve();
  // Approved, the request still shows the diff it was submitted with (it read +0 −0 before).
  await expect(A.getByTestId('review-diff-Team.rate')).toContainText('+1 −1');
  await expect(A.getByTestId('review-diff-Team.rate')).toContainText('rate = 1');

  await expect(B.getByTestId('approval-toast')).toContainText('alice approved “Raise the rate”', {
    timeout: 20_000,
  });
  await expect(B.getByTestId('my-request-Raise the rate').getByTestId('request-state')).toHaveText(
    'Approved',
  );
  await shot(B, 'approvals-author-approved', true);
  await B.getByTestId('approvals-close').click();
  await expect(badgeOf(B, 'Team.rate')).toHaveAttribute('data-badge', 'synced', { timeout: 20_000 });

  await syncNow(C);
  await openItem(C, 'Team.rate');
  await editorShows(C, 'rate = 2');
});

test('rejection round trip: rejected with a comment, Bob revises and resubmits, approved', async ({
  connected,
}) => {
  const [alice, bob, carol] = [await connected('alice'), await connected('bob'), await connected('carol')];
  const [A, B, C] = [alice.page, bob.page, carol.page];
  await newItem(A, 'Team', 'fee', 'value');
  await setContent(A, 'fee = 10');
  await syncNow(A);
  await syncNow(B);
  await openItem(B, 'Team.fee');
  await editorShows(B, 'fee = 10');
  await setContent(B, 'fee = 99');
  await requestApproval(B, 'New fee');

  const reject = await review(A, 'New fee', 'reject', 'Too high: use 12');
  await reject();
  await expect(B.getByTestId('approval-toast')).toContainText('alice rejected “New fee”: Too high: use 12', {
    timeout: 20_000,
  });
  const card = B.getByTestId('my-request-New fee');
  await expect(card.getByTestId('request-state')).toHaveText('Rejected');
  await expect(card.getByTestId('request-comment')).toContainText('Too high: use 12');
  await shot(B, 'approvals-author-rejected', true);

  await B.getByTestId('approvals-close').click();
  await openItem(B, 'Team.fee');
  await editorShows(B, 'fee = 10'); // the rejected edit is gone from the view
  await setContent(B, 'fee = 12');
  await openApprovals(B, 'mine');
  await card.getByTestId('request-edit').click();
  await B.getByTestId('approval-title').fill('New fee (12)');
  await B.getByTestId('approval-op-Team.fee').locator('input').check();
  await B.getByTestId('approval-submit').click();
  await expect(B.getByTestId('my-request-New fee (12)').getByTestId('request-state')).toHaveText(
    /Pending submission|Submitted/,
  );

  const approve = await review(A, 'New fee (12)', 'approve', 'Thanks');
  await expect(A.getByTestId('review-diff-Team.fee')).toContainText('fee = 12');
  await approve();
  await expect(B.getByTestId('my-request-New fee (12)').getByTestId('request-state')).toHaveText('Approved', {
    timeout: 20_000,
  });
  await syncNow(C);
  await openItem(C, 'Team.fee');
  await editorShows(C, 'fee = 12');
});

test('Alice takes Bob’s unapproved change through the resolver, told what it means; the request keeps its diff', async ({
  connected,
}) => {
  const [alice, bob] = [await connected('alice'), await connected('bob')];
  const [A, B] = [alice.page, bob.page];
  await newItem(A, 'Team', 'total', 'value');
  await setContent(A, 'total = 1');
  await syncNow(A);
  await syncNow(B);
  await openItem(B, 'Team.total');
  await editorShows(B, 'total = 1');
  await openItem(A, 'Team.total');
  // Both change it while the server is away, so neither builds on the other.
  await team.offline(async () => {
    await setContent(B, 'total = 2');
    await setContent(A, 'total = 3');
    await requestApproval(B, 'Bigger total');
  });
  await B.getByTestId('approvals-close').click();
  await syncNow(B);
  await openApprovals(B, 'mine');
  await expect(B.getByTestId('my-request-Bigger total').getByTestId('request-state')).toHaveText(
    'Submitted',
    {
      timeout: 20_000,
    },
  );

  // Alice's sync brings Bob's pending edit beside hers: a conflict with an unapproved side.
  await syncNow(A);
  await expect(A.getByTestId('status-conflicts')).toBeVisible({ timeout: 20_000 });
  await A.getByTestId('open-conflicts').click();
  const row = A.getByTestId('conflict-row-Team.total');
  await expect(row.getByTestId('inbox-pending-remote')).toHaveText('Not approved yet');
  await expect(row.getByTestId('inbox-pending-local')).toHaveCount(0);
  await shot(A, 'approvals-pending-conflict-inbox');
  await row.locator('.inbox-open').click();
  await expect(A.getByTestId('pane-pending-remote')).toHaveText('Not approved yet');
  await expect(A.getByTestId('pane-pending-local')).toHaveCount(0);
  await expect(A.getByTestId('resolver-pending-note')).toContainText(
    "bob's version waits for approval. Taking any of it into your result publishes it in your merge",
  );
  await shot(A, 'approvals-pending-resolver');
  await A.getByTestId('conflicts-back').click();
  await row.getByRole('checkbox').check();
  await A.getByTestId('batch-take-remote').click();
  await A.getByTestId('batch-apply').click();
  await A.getByTestId('conflicts-close').click();
  await editorShows(A, 'total = 2');

  // The merge holds Bob's change: not stale, and the diff is the one he submitted (not +0 −0).
  const approve = await review(A, 'Bigger total', 'approve', 'Merged it');
  await expect(A.getByTestId('review-included-Team.total')).toBeVisible();
  await expect(A.getByTestId('review-stale')).toHaveCount(0);
  const diff = A.getByTestId('review-diff-Team.total');
  await expect(diff).toContainText('+1 −1');
  await expect(diff).toContainText('total = 1');
  await expect(diff).toContainText('total = 2');
  await shot(A, 'approvals-review-after-merge');
  await approve();
  await expect(diff).toContainText('+1 −1');
});
