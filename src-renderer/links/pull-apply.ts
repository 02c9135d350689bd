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

type Edit = Exclude<OutsideEdit, { type: 'rename' }>;
type PlannedPull = Extract<PullPlan, { ok: true }>;

/** What a pull wrote, for the result line. */
export interface PullResult {
  written: number;
  /** Items left with two heads, in the conflicts inbox. */
  conflicts: string[];
  /** Items added both here and upstream, differently, with one version here: kept as they are. */
  keptLocal: string[];
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
  const { written, conflicts, keptLocal } = await writeSteps(workspace, plan.steps, heads);
  const lockItem = findItem(workspace, lockItemPath(namespace));
  const lockText = formatLock(plan.lock);
  if (lockItem && !lockItem.deleted && lockItem.content !== lockText)
    await workspace.updateContent(lockItem.itemId, lockText);
  return { written, conflicts, keptLocal, setAside };
}

/**
 * Writes steps (a pull's, or a set-aside record's restore). Returns how
 * many items were written and which were left in conflict.
 */
export async function writeSteps(
  workspace: Workspace,
  steps: readonly PullStep[],
  heads: ReadonlyMap<string, string> = new Map(),
): Promise<{ written: number; conflicts: string[]; keptLocal: string[] }> {
  const batch: { itemId: string; edit: Edit; base: string | null; path: string }[] = [];
  const after: (() => Promise<unknown>)[] = [];
  const conflicts: string[] = [];
  const keptLocal: string[] = [];
  const onTop = (path: string) => heads.get(path) ?? null;
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
        const base = versionAt(workspace, item, step.base);
        // Upstream's side beside the local one: two heads, the common ancestor the lock's version.
        // An item added here with a single version has nothing to stand beside: it is kept as it
        // is, and the status lists it as changed against upstream's version, with the diff.
        if (base === null || (item.heads.length === 1 && item.heads[0] === base)) {
          keptLocal.push(step.path);
          break;
        }
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
  const kept = new Set(keptLocal);
  const written = new Set(steps.map((step) => step.path).filter((path) => !kept.has(path)));
  return { written: written.size, conflicts, keptLocal };
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
