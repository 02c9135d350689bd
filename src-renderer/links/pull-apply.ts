import { lockConflictRefusal } from '../../src-shared/links/facts.js';
import { formatLock, lockItemPath, parseLock } from '../../src-shared/links/lock.js';
import type { PullPlan, PullStep } from '../../src-shared/links/pull-plan.js';
import {
  readSetAside,
  SET_ASIDE_SETTING,
  type SetAsideRecord,
} from '../../src-shared/links/pull-set-aside.js';
import type { ItemState } from '../../src-shared/model/index.js';
import type { OutsideEdit } from '../../src-shared/mirror/outside-edit.js';
import type { Workspace } from '../workspace/index.js';
import { viewOf } from './links-actions.js';

type Edit = Exclude<OutsideEdit, { type: 'rename' }>;
type PlannedPull = Extract<PullPlan, { ok: true }>;

/** What a pull wrote, for the result line. */
export interface PullResult {
  written: number;
  /** Items left with two heads, in the conflicts inbox. */
  conflicts: string[];
  /** The record overwrite or stash saved first, when there were local edits. */
  setAside: SetAsideRecord | null;
}

/**
 * Writes a planned pull as ops, in an order that never loses anything:
 * first the set-aside record (overwrite, stash), then every change to an
 * existing item in one database write, then the follow-ups (merge ops,
 * reapplied edits, new items), and last the lock, moved to upstream's
 * commit. `heads` are the items' heads when the plan was made: a change
 * built on them meets a later edit as a conflict instead of replacing it.
 */
export async function applyPull(
  workspace: Workspace,
  namespace: string,
  plan: PlannedPull,
  heads: ReadonlyMap<string, string>,
  ids: { now: number; newId: () => string },
): Promise<PullResult> {
  // The lock may have met a teammate's since the preview: two commits, and the pull waits for a choice.
  const lockClash = lockConflictRefusal(namespace, workspace.getSnapshot().items.map(viewOf));
  if (lockClash) throw new Error(lockClash);
  const fromLock = findItem(workspace, lockItemPath(namespace));
  let setAside: SetAsideRecord | null = null;
  if (plan.setAside.length > 0 && (plan.strategy === 'overwrite' || plan.strategy === 'stash')) {
    setAside = {
      id: ids.newId(),
      namespace,
      strategy: plan.strategy,
      at: ids.now,
      fromCommit: lockCommitOf(fromLock) ?? '',
      toCommit: plan.lock.commit,
      items: plan.setAside,
    };
    const saved = readSetAside(await workspace.getSetting<unknown>(SET_ASIDE_SETTING, []));
    await workspace.setSetting(SET_ASIDE_SETTING, [...saved, setAside]);
  }
  const { written, conflicts } = await writeSteps(workspace, plan.steps, heads);
  const lockItem = findItem(workspace, lockItemPath(namespace));
  const lockText = formatLock(plan.lock);
  if (lockItem && !lockItem.deleted && lockItem.content !== lockText)
    await workspace.updateContent(lockItem.itemId, lockText);
  return { written, conflicts, setAside };
}

/**
 * Writes steps (a pull's, or a set-aside record's restore). Returns how
 * many items were written and which were left in conflict.
 */
export async function writeSteps(
  workspace: Workspace,
  steps: readonly PullStep[],
  heads: ReadonlyMap<string, string> = new Map(),
): Promise<{ written: number; conflicts: string[] }> {
  const batch: { itemId: string; edit: Edit; base: string | null; path: string }[] = [];
  const after: (() => Promise<unknown>)[] = [];
  const conflicts: string[] = [];
  const onTop = (path: string) => heads.get(path) ?? null;
  // Versions are found in the items' histories: read those the workspace holds by their heads only.
  await workspace.loadHistory(steps.flatMap((step) => findItem(workspace, step.path)?.itemId ?? []));
  for (const step of steps) {
    const item = findItem(workspace, step.path);
    const edit = (content: string | null): Edit =>
      content === null ? { type: 'delete' } : { type: 'edit', content };
    switch (step.type) {
      case 'create':
        after.push(() => workspace.createItem({ path: step.path, kind: step.kind, content: step.content }));
        break;
      case 'update':
      case 'delete':
        if (!item) break;
        batch.push({
          itemId: item.itemId,
          edit: edit(step.type === 'update' ? step.content : null),
          base: onTop(step.path),
          path: step.path,
        });
        break;
      case 'replace':
        if (item && !item.deleted) {
          batch.push({
            itemId: item.itemId,
            edit: edit(step.theirs),
            base: onTop(step.path),
            path: step.path,
          });
        } else if (step.theirs !== null) {
          const content = step.theirs;
          after.push(() => bringBack(workspace, item, step.path, step.kind, content));
        }
        break;
      case 'conflict':
      case 'merge': {
        if (!item) break;
        if (step.base === null && !item.deleted && !item.conflict && step.theirs !== null) {
          // Added here and upstream, differently: both versions stand on an empty one, as git's add/add.
          const theirs = step.theirs;
          after.push(async () => {
            if (await addedBoth(workspace, item.itemId, theirs)) conflicts.push(step.path);
          });
          break;
        }
        // Upstream's side beside the local one: two heads, the common ancestor the lock's version.
        const base = versionAt(workspace, item, step.base);
        if (base === null) break;
        batch.push({ itemId: item.itemId, edit: edit(step.theirs), base, path: step.path });
        if (step.type === 'conflict') conflicts.push(step.path);
        else after.push(() => mergeBoth(workspace, item.itemId, step.merged));
        break;
      }
      case 'rebase':
        if (!item) break;
        batch.push({ itemId: item.itemId, edit: edit(step.theirs), base: onTop(step.path), path: step.path });
        after.push(() => reapplyOnTop(workspace, item.itemId, step.merged));
        break;
    }
  }
  const answers = await workspace.saveOutsideEdits(
    batch.map(({ itemId, edit, base }) => ({ itemId, edit, base })),
  );
  const failed = answers.find((a): a is Error => a instanceof Error);
  if (failed) throw failed;
  for (const next of after) await next();
  const written = new Set(steps.map((step) => step.path));
  return { written: written.size, conflicts };
}

/** A live item at `path`, else a deleted one (a deletion here is still that item's history). */
function findItem(workspace: Workspace, path: string): ItemState | undefined {
  const snapshot = workspace.getSnapshot();
  return (
    snapshot.items.find((item) => item.path === path) ??
    snapshot.deletedItems.find((item) => item.path === path)
  );
}

/**
 * The item's version that holds `content` (upstream's text at the lock),
 * newest first; null when none does (the item was added here), and the
 * change then builds on the item's first version.
 */
function versionAt(workspace: Workspace, item: ItemState, content: string | null): string | null {
  if (content === null) return oldestOf(workspace, item.itemId);
  const found = workspace.history(item.itemId).find((op) => op.type !== 'delete' && op.content === content);
  return found?.id ?? oldestOf(workspace, item.itemId);
}

function oldestOf(workspace: Workspace, itemId: string): string | null {
  return workspace.history(itemId).at(-1)?.id ?? null;
}

/**
 * An item added here and upstream with other content. Every op of an item
 * descends from its one create, so upstream's version cannot be a second
 * root: both versions are written on an empty version of the item instead,
 * the base git itself takes for an add/add clash. The local version is
 * written again first, so the item never reads empty for long; then
 * upstream's beside it: two heads, in the conflicts inbox. An empty local
 * item has nothing to lose: upstream's version simply follows it.
 */
async function addedBoth(workspace: Workspace, itemId: string, theirs: string): Promise<boolean> {
  const mine = workspace.item(itemId)?.content ?? '';
  if (mine === theirs) return false;
  const put = (content: string, base: string | null) =>
    workspace.saveOutsideEdit(itemId, { type: 'edit', content }, base);
  const empty = await put('', workspace.item(itemId)?.heads[0] ?? null);
  if (!empty) {
    await put(theirs, workspace.item(itemId)?.heads[0] ?? null);
    return false;
  }
  await put(mine, empty.id);
  await put(theirs, empty.id);
  return true;
}

/** Merge: one op over the local head and upstream's, with git's merged text. */
async function mergeBoth(workspace: Workspace, itemId: string, merged: string): Promise<void> {
  const item = workspace.item(itemId);
  if (!item) return;
  if (item.conflict) {
    await workspace.resolveConflict(itemId, {
      path: item.path,
      kind: item.kind,
      content: merged,
      deleted: false,
    });
  } else if (!item.deleted && item.content !== merged) await workspace.updateContent(itemId, merged);
}

/** Rebase: the local edits written again on top of upstream's version. */
async function reapplyOnTop(workspace: Workspace, itemId: string, merged: string): Promise<void> {
  const item = workspace.item(itemId);
  if (item && !item.deleted && !item.conflict && item.content !== merged)
    await workspace.updateContent(itemId, merged);
}

/** An item deleted here (or never here) that must hold `content`: restored with its history, or created. */
async function bringBack(
  workspace: Workspace,
  item: ItemState | undefined,
  path: string,
  kind: ItemState['kind'],
  content: string,
): Promise<void> {
  if (!item) {
    await workspace.createItem({ path, kind, content });
    return;
  }
  await workspace.restoreItem(item.itemId);
  const now = workspace.item(item.itemId);
  if (now && !now.deleted && now.content !== content) await workspace.updateContent(item.itemId, content);
}

function lockCommitOf(item: ItemState | undefined): string | null {
  const parsed = item ? parseLock(item.content) : null;
  return parsed?.ok ? parsed.lock.commit : null;
}
