import type { Page } from '@playwright/test';
import { closeConflicts, editorText, newBranch, newItem, openItem, setContent } from './support/actions';
import { editorShows, expect, shot as screenshot, syncNow, twoPeopleOnOneServer } from './support/two-people';

/**
 * The real thing: Alice and Bob, each with a host and a Chromium profile, on
 * one real server. Conflicts are made the way people make them — both edit
 * while the server is away — and both profiles end up with the same result.
 */
const { test, offline } = twoPeopleOnOneServer('conflicts');
test.setTimeout(240_000);

const shot = (page: Page, name: string) => screenshot(page, `conflicts-${name}`);

/** Alice creates an item and Bob has it open, both at `content`. */
async function shared(A: Page, B: Page, namespace: string, name: string, content: string): Promise<string> {
  const path = `${namespace}.${name}`;
  await newItem(A, namespace, name, 'fn');
  await setContent(A, content);
  await openItem(B, path);
  await editorShows(B, content.split('\n').slice(0, 3).join('\n'));
  return path;
}

/** Both sync (Bob first, so Alice's pull brings his side) until Alice sees `n` conflicts. */
async function syncBoth(A: Page, B: Page, n: number): Promise<void> {
  await syncNow(B);
  await syncNow(A);
  await expect(A.getByTestId('open-conflicts')).toHaveText(new RegExp(`Conflicts \\(${n}\\)`), {
    timeout: 20_000,
  });
}

/** Alice's result reaches Bob: his conflict count drops to 0 and his editor shows `text`. */
async function bobConverges(A: Page, B: Page, path: string, text: string): Promise<void> {
  await syncNow(A);
  await syncNow(B);
  await expect(B.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/, { timeout: 20_000 });
  await openItem(B, path);
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toBe(text);
  await expect(B.getByTestId('conflict-banner')).toHaveCount(0);
}

const BASE = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk';

test('inbox, drag and keyboard resolution, undo/redo, save; both converge', async ({ connected }) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const path = await shared(A, B, 'Acme.Billing', 'charge', BASE);
  await offline(async () => {
    await openItem(A, path);
    await setContent(A, 'a\nB-local\nc\nd\ne\nf\ng\nh\ni\nJ-local\nk');
    await setContent(B, 'a\nB-remote\nc\nd\ne\nf\ng\nh\ni\nJ-remote\nk');
  });
  await syncBoth(A, B, 1);
  await expect(A.getByTestId('status-conflicts')).toHaveText(/1 conflict/);

  await A.getByTestId('open-conflicts').click();
  const row = A.getByTestId(`conflict-row-${path}`);
  await expect(row).toContainText('edit/edit');
  await expect(row).toContainText('bob changed it');
  await expect(row).toContainText('You (alice) changed it');
  await shot(A, 'inbox');

  await row.locator('.inbox-open').click();
  await expect(A.getByTestId('resolver')).toBeVisible();
  await expect(A.getByTestId('conflicts-left')).toHaveText('2 conflicts left');
  await expect(A.getByTestId('resolver-save')).toBeDisabled();
  await shot(A, 'resolver');

  // Conflict 1 by dragging remote's lines onto the conflict in the result (result line 1).
  const handle = A.getByTestId('drag-remote-1');
  const target = A.getByTestId('resolver-result').locator('[data-drop-line="1"]');
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await A.mouse.move(from.x + 10, from.y + from.height / 2);
  await A.mouse.down();
  await A.mouse.move(from.x + 30, from.y + 30, { steps: 5 });
  // A preview of the dragged lines follows the pointer; screen readers hear it in the product's words.
  const said = A.locator('[id^="DndLiveRegion"]');
  await expect(A.getByTestId('drag-preview')).toContainText("Bob's line 2");
  await expect(A.getByTestId('drag-preview')).toContainText('B-remote');
  await expect(said).toHaveText("Picked up bob's line 2");
  await A.mouse.move(to.x + 60, to.y + to.height / 2, { steps: 10 });
  await expect(said).toHaveText('Moved over result line 2: the lines go above it');
  await A.screenshot({ path: 'docs/screenshots/conflicts-drag-preview.png' });
  await A.mouse.up();
  await expect(said).toHaveText("Dropped bob's line 2 after result line 1");
  await expect(A.getByTestId('drag-preview')).toHaveCount(0);
  await expect(A.getByTestId('conflicts-left')).toHaveText('1 conflict left');
  // What was dropped is exactly remote's lines, so the conflict counts as "took remote", not as an edit.
  await expect(A.getByTestId('resolver-chunk-1')).toHaveAttribute('data-state', 'remote');
  await expect(A.getByTestId('take-remote-1')).toHaveAttribute('aria-pressed', 'true');

  // Conflict 2 by keyboard: focus local's handle, Space picks up, Enter drops at the conflict.
  await A.getByTestId('drag-local-2').focus();
  await A.keyboard.press('Space');
  await expect(A.getByTestId('pickup-status')).toContainText('Picked up your line 10');
  await A.keyboard.press('Enter');
  await expect(A.getByTestId('pickup-said')).toHaveText(/^Dropped your line 10 after result line \d+$/);
  await expect(A.getByTestId('conflicts-left')).toHaveText('No conflicts left');

  // Undo / redo from the keyboard.
  await A.keyboard.press('ControlOrMeta+Z');
  await expect(A.getByTestId('conflicts-left')).toHaveText('1 conflict left');
  await A.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(A.getByTestId('conflicts-left')).toHaveText('No conflicts left');

  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('conflict-inbox')).toBeVisible();
  await expect(A.getByTestId(`conflict-row-${path}`)).toHaveCount(0);
  await closeConflicts(A);
  const merged = 'a\nB-remote\nc\nd\ne\nf\ng\nh\ni\nJ-local\nk';
  await openItem(A, path);
  expect(await editorText(A)).toBe(merged);
  await bobConverges(A, B, path, merged);
});

test('edit/delete made by two people: restore my version; both converge', async ({ connected }) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const path = await shared(A, B, 'Acme.Billing', 'refund', 'one');
  await offline(async () => {
    await openItem(A, path);
    await setContent(A, 'one, edited');
    await B.getByTestId('item-delete').click();
    await expect(B.getByTestId(`item-row-${path}`)).toHaveCount(0);
  });
  await syncBoth(A, B, 1);
  await A.getByTestId('open-conflicts').click();
  const row = A.getByTestId(`conflict-row-${path}`);
  await expect(row).toContainText('edit/delete');
  await expect(row).toContainText('bob deleted it');
  await row.locator('.inbox-open').click();
  await expect(A.getByTestId('deletion-choice')).toContainText('bob');
  await expect(A.getByTestId('resolver-save')).toBeDisabled();
  await shot(A, 'edit-delete');
  await A.getByTestId('restore-mine').click();
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('conflict-inbox')).toBeVisible();
  await closeConflicts(A);
  await openItem(A, path);
  await expect(A.getByTestId('conflict-banner')).toHaveCount(0);
  expect(await editorText(A)).toBe('one, edited');
  // Bob gets the item back, with Alice's edit.
  await bobConverges(A, B, path, 'one, edited');
});

test('branch merge with one conflict (branch edit vs Bob on main) resolved in the resolver; both see it merged', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const a = await shared(A, B, 'Acme.Web', 'a', 'a1\na2\na3');
  await newItem(A, 'Acme.Web', 'b', 'fn');
  await setContent(A, 'b1');
  await newBranch(A, 'feature-x');
  await openItem(A, a);
  await setContent(A, 'a1\nbranch\na3');
  await openItem(A, 'Acme.Web.b');
  await setContent(A, 'b1 branch');
  await syncNow(A, 'feature-x');
  // Bob changes the same line on main; he also gets the branch record.
  await setContent(B, 'a1\nmain\na3');
  await syncNow(B);
  await B.getByTestId('branch-switcher').click();
  await expect(B.getByTestId('branch-option-feature-x')).toBeVisible();
  await B.keyboard.press('Escape');
  await syncNow(A, 'feature-x');

  await A.getByTestId('open-branch-merge').click();
  await expect(A.getByTestId('merge-preview')).toBeVisible();
  await expect(A.getByTestId('merge-clean-Acme.Web.b')).toBeVisible();
  await expect(A.getByTestId(`merge-conflict-${a}`)).toBeVisible();
  await expect(A.getByTestId('merge-confirm')).toBeDisabled();
  await shot(A, 'merge-preview');

  await A.getByTestId(`merge-resolve-${a}`).click();
  await expect(A.getByTestId('resolver')).toBeVisible();
  await expect(A.getByTestId('resolver-local')).toContainText('main (bob)');
  await expect(A.getByTestId('resolver-remote')).toContainText('Branch feature-x (alice)');
  await A.getByTestId('take-both-remote-first-1').click();
  await shot(A, 'merge-resolver');
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId(`merge-conflict-${a}`)).toHaveAttribute('data-resolved', 'true');
  await A.getByTestId('merge-confirm').click();
  await expect(A.getByTestId('merged-toast')).toBeVisible();
  await expect(A.getByTestId('current-branch')).toHaveText('main');
  const expected = 'a1\nbranch\nmain\na3';
  await openItem(A, a);
  expect(await editorText(A)).toBe(expected);

  // Bob: main has the merge, and the branch is merged (a notice; no longer offered).
  await syncNow(A);
  await syncNow(B);
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toBe(expected);
  await openItem(B, 'Acme.Web.b');
  await expect.poll(() => editorText(B), { timeout: 20_000 }).toBe('b1 branch');
  // The server hears of the merge from Alice's outbox: wait until it is empty, then Bob's sync brings the notice.
  await A.getByTestId('status-bar').click();
  await expect(A.getByTestId('open-queue')).toHaveText(/Sync queue \(0\)/, { timeout: 60_000 });
  await A.keyboard.press('Escape');
  await expect
    .poll(
      async () => {
        await syncNow(B);
        return B.getByTestId('sync-notice').filter({ hasText: 'feature-x was merged into main' }).count();
      },
      { timeout: 60_000, intervals: [1_000, 2_000, 4_000] },
    )
    .toBe(1);
  await expect(B.getByTestId('sync-notice')).toContainText('feature-x was merged into main by alice');
  await B.getByTestId('branch-switcher').click();
  await expect(B.getByTestId('branch-option-feature-x')).toHaveCount(0);
  await B.keyboard.press('Escape');
  await expect(B.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/);
  await shot(B, 'merge-seen-by-bob');
});

/** A long item: the panes differ in length, so scrolling in step has to line them up by chunk. */
const LONG_BASE = Array.from({ length: 120 }, (_, i) => `line ${i + 1}`);
const withLines = (changes: Record<number, string>, insertAfter?: [number, string[]]) => {
  const out: string[] = [];
  LONG_BASE.forEach((line, i) => {
    out.push(changes[i + 1] ?? line);
    if (insertAfter && insertAfter[0] === i + 1) out.push(...insertAfter[1]);
  });
  return out.join('\n');
};

/** For each pane, the chunk of the row at its top, and where conflict 2's header sits below that top. */
async function paneTops(page: Page) {
  return page.evaluate(() => {
    const out: Record<string, { chunk: string | null; header2: number | null }> = {};
    for (const name of ['base', 'local', 'remote', 'result']) {
      const scroller = document.querySelector(`[data-testid="resolver-${name}"] .rpane-scroll`);
      if (!scroller) continue;
      const top = scroller.getBoundingClientRect().top + 2;
      const rows = [...scroller.querySelectorAll<HTMLElement>('[data-chunk]')];
      const first = rows.find((r) => r.getBoundingClientRect().bottom > top);
      const header = scroller.querySelector(
        `[data-testid="drag-local-2"], [data-testid="drag-remote-2"], [data-testid="resolver-chunk-2"]`,
      );
      out[name] = {
        chunk: first?.dataset.chunk ?? null,
        header2: header
          ? Math.round(header.closest('[data-chunk]')!.getBoundingClientRect().top - top)
          : null,
      };
    }
    return out;
  });
}

test('the panes scroll in step by chunk; the whole result can be edited as text, checked before save', async ({
  connected,
}) => {
  const A = (await connected('alice')).page;
  const B = (await connected('bob')).page;
  const path = await shared(A, B, 'Acme.Long', 'report', LONG_BASE.join('\n'));
  const added = Array.from({ length: 30 }, (_, i) => `added by alice ${i + 1}`);
  await offline(async () => {
    await openItem(A, path);
    await setContent(A, withLines({ 3: 'line 3 alice', 110: 'line 110 alice' }, [50, added]));
    await setContent(B, withLines({ 3: 'line 3 bob', 110: 'line 110 bob' }));
  });
  await syncBoth(A, B, 1);
  await A.getByTestId('open-conflicts').click();
  await A.getByTestId(`conflict-row-${path}`).locator('.inbox-open').click();
  await expect(A.getByTestId('conflicts-left')).toHaveText('2 conflicts left');

  // Next conflict scrolls the result; the other panes follow, the same chunk at every top.
  await A.getByTestId('next-conflict').click();
  await expect(A.getByTestId('resolver-chunk-2')).toBeInViewport();
  await expect.poll(async () => (await paneTops(A)).local?.header2 ?? null).not.toBeNull();
  const atConflict = await paneTops(A);
  expect(atConflict.local!.chunk).toBe(atConflict.result!.chunk);
  expect(atConflict.remote!.chunk).toBe(atConflict.result!.chunk);
  expect(atConflict.base!.chunk).toBe(atConflict.result!.chunk);
  // Conflict 2's header is at the same height in local, remote and result.
  expect(Math.abs(atConflict.local!.header2! - atConflict.result!.header2!)).toBeLessThanOrEqual(2);
  expect(Math.abs(atConflict.remote!.header2! - atConflict.result!.header2!)).toBeLessThanOrEqual(2);
  await shot(A, 'resolver-scrolled');

  // Scrolling the local pane (where Alice's 30 added lines make it longer) leads the others.
  const local = A.getByTestId('resolver-local').locator('.rpane-scroll');
  await local.hover();
  await A.mouse.wheel(0, -700);
  await expect
    .poll(async () => {
      const t = await paneTops(A);
      const inStep = t.remote?.chunk === t.local?.chunk && t.result?.chunk === t.local?.chunk;
      return t.local?.header2 === null && inStep;
    })
    .toBe(true);

  // Edit the whole result as text: tidy conflict 1's markers away by hand.
  await A.getByTestId('edit-result-text').click();
  const editor = A.getByTestId('result-editor');
  const text = await editor.inputValue();
  expect(text).toContain('<<<<<<< local\nline 3 alice\n=======\nline 3 bob\n>>>>>>> remote\n');
  await editor.fill(
    text.replace('<<<<<<< local\nline 3 alice\n=======\nline 3 bob\n>>>>>>> remote\n', 'line 3 both\n'),
  );
  await A.getByTestId('conflicts-left').click(); // leaving the editor takes the text in
  await expect(A.getByTestId('conflicts-left')).toHaveText('1 conflict left');
  await shot(A, 'resolver-edit-text');

  // Conflict 2: take Bob's, then a stray marker typed into the text is refused at save.
  await A.getByTestId('edit-result-text').click();
  await A.getByTestId('take-remote-2').click();
  await expect(A.getByTestId('conflicts-left')).toHaveText('No conflicts left');
  await A.getByTestId('edit-result-text').click();
  const done = await editor.inputValue();
  await editor.fill(done.replace('line 60\n', 'line 60\n=======\n'));
  await A.getByTestId('conflicts-left').click();
  await expect(A.getByTestId('resolver-error')).toContainText('conflict markers');
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('resolver')).toBeVisible();
  await editor.fill(done);
  await A.getByTestId('conflicts-left').click();
  await expect(A.getByTestId('resolver-error')).toHaveCount(0);
  await A.getByTestId('resolver-save').click();
  await expect(A.getByTestId('conflict-inbox')).toBeVisible();
  await closeConflicts(A);

  const final = withLines({ 3: 'line 3 both', 110: 'line 110 bob' }, [50, added]);
  expect(done).toBe(final);
  // Bob gets the result (the editor draws only what is in view: check both ends).
  await syncNow(A);
  await syncNow(B);
  await expect(B.getByTestId('open-conflicts')).toHaveText(/Conflicts \(0\)/, { timeout: 20_000 });
  await openItem(B, path);
  await editorShows(B, 'line 3 both');
  await B.getByTestId('editor-content').locator('.cm-content').click();
  await B.keyboard.press('ControlOrMeta+End');
  await editorShows(B, 'line 110 bob\nline 111');
  await editorShows(B, 'line 120');
});
