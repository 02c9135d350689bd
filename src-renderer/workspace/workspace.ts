import {
  newNamespaceOwner,
  ownsNewNamespace,
  type NewNamespaceOwner,
} from '../../src-shared/approvals/new-namespace.js';
import type { NamespaceClaim } from '../../src-shared/sync-protocol/index.js';
import { needsApproval } from '../../src-shared/approvals/ownership.js';
import { compareHlc } from '../../src-shared/clock/hlc.js';
import { ValidationError } from '../../src-shared/errors.js';
import {
  MAIN_BRANCH,
  type Branch,
  type ItemKind,
  type ItemSnapshot,
  type ItemState,
  type Namespace,
  type Op,
  splitPath,
} from '../../src-shared/model/index.js';
import {
  createItemOp,
  deleteItemOp,
  planRestore,
  renameItemOp,
  restoreItemOp,
  updateItemOp,
  type OpContext,
  type RestorePlan,
} from '../../src-shared/ops/index.js';
import {
  checkAbandonTarget,
  checkBranchName,
  checkItemPath,
  checkNewNamespace,
  checkSwitchTarget,
  syncBadgeFor,
  type ItemSyncBadge,
} from '../../src-shared/workspace-rules/index.js';
import { outsideEditOp, type OutsideEdit } from '../../src-shared/mirror/outside-edit.js';
import { DEFAULT_MAIN_POLICY } from '../../src-shared/sync/main-policy.js';
import { renameComponentName } from '../../src-shared/components/component-name.js';
import type { TetherDb } from '../db/index.js';
import { restoreClock, saveClock } from './clock-state.js';
import { BranchMergeService } from './branch-merge.js';
import { buildView, ConflictService, type WorkspaceCore } from './conflicts.js';
import { checkIdentity, type Identity } from './identity.js';
import { newRandomId } from './ids.js';
import { LiveState } from './live-state.js';
import type { WorkspaceSnapshot } from './snapshot.js';
import { logError } from '../log/report.js';
import { BootViewKeeper, readBootView } from './boot.js';
import { HistoryReads } from './history-reads.js';
import { ViewIndex } from '../../src-shared/dag/index.js';
import { viewOf } from '../../src-shared/view/branch-view.js';

export interface WorkspaceOptions {
  db: TetherDb;
  identity: Identity;
  now?: () => number;
  newId?: () => string;
}

export const CURRENT_BRANCH_KEY = 'workspace.currentBranch';
const SETTING_PREFIX = 'setting.';

/**
 * The renderer's data layer. Every user action is first written durably to
 * the local database, then applied to the in-memory state, so it is both
 * safe and visible before any network I/O. Writes from other tabs and from
 * sync arrive through the database's change streams and update the same
 * state. Actions run one at a time, so checks such as "no two items share a
 * path" cannot race each other.
 */
export class Workspace {
  private readonly state = new LiveState();
  private readonly stops: (() => void)[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Conflict inbox, resolver saves, policies (conflicts.ts) and branch merge (branch-merge.ts). */
  private services: { conflicts: ConflictService; branchMerge: BranchMergeService } | null = null;
  /** Set by the sync engine: unsent work is then "pending sync", not "local only". */
  private serverConfigured = false;
  /** Histories and the whole log, read when asked (booted from the boot view). */
  private readonly reads: HistoryReads;
  private keeper: BootViewKeeper | null = null;

  private constructor(
    private readonly db: TetherDb,
    private readonly identity: Identity,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {
    this.reads = new HistoryReads(db, this.state, () => this.closed);
  }

  static async open(opts: WorkspaceOptions): Promise<Workspace> {
    const identity = checkIdentity(opts.identity);
    const newId = opts.newId ?? newRandomId;
    const workspace = new Workspace(opts.db, identity, opts.now ?? Date.now, newId);
    // Listen before loading so a write that lands in between is not missed.
    workspace.followDb();
    try {
      const current = await workspace.load();
      workspace.keeper = new BootViewKeeper(workspace.state, () => workspace.storeBootView(), current);
      await workspace.conflicts.start();
    } catch (error) {
      workspace.stopFollowing();
      throw error;
    }
    return workspace;
  }

  // ---- reading (for the UI) ----

  subscribe(listener: () => void): () => void {
    return this.state.subscribe(listener);
  }

  getSnapshot(): WorkspaceSnapshot {
    return this.state.snapshot();
  }

  /** The branch this workspace shows, without building a snapshot (sync asks on every run). */
  currentBranchId(): string {
    return this.state.branchId;
  }

  item(itemId: string): ItemState | undefined {
    return this.state.view.item(itemId);
  }

  /**
   * Any op this machine holds, on any branch (a release names exact op ids).
   * Booted from a boot view, an op not held yet starts the read of the whole
   * log and is undefined until it lands (subscribers hear of it).
   */
  op(opId: string): Op | undefined {
    const op = this.state.log.get(opId);
    if (!op) this.reads.requestWhole();
    return op;
  }

  /** True when every op of this computer is in memory (see requestWholeLog). */
  holdsWholeLog(): boolean {
    return this.state.holdsWholeLog;
  }

  /** Starts reading the whole op log if it is not held (a release's as-of view asks). */
  requestWholeLog(): void {
    this.reads.requestWhole();
  }

  /** Reads the whole op log if it is not held (a release's tagger names exact op ids). */
  loadWholeLog(): Promise<void> {
    return this.reads.whole();
  }

  /**
   * Starts reading an item's history if the view holds its heads only
   * (booted from a boot view); subscribers hear when it lands. The editor
   * asks when an item opens, so History and its versions show every op.
   */
  requestHistory(itemId: string): void {
    this.reads.requestItems([itemId]);
  }

  /** Reads the history of those items the view holds by their heads only. */
  loadHistory(itemIds: Iterable<string>): Promise<void> {
    return this.reads.items(itemIds);
  }

  /**
   * Stores what a later start-up needs of the current view (boot.ts); false
   * when something was written meanwhile. The keeper calls it when quiet.
   */
  storeBootView(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return this.db.bootView.save(
      () => this.state.bootView(),
      (opId) => this.state.holdsOp(opId),
    );
  }

  /** The item's ops visible in this view, newest first (for a shallow item, see requestHistory). */
  history(itemId: string): Op[] {
    return [...this.state.view.opsOf(itemId)].sort(
      (a, b) => compareHlc(b.hlc, a.hlc) || (a.id < b.id ? 1 : -1),
    );
  }

  /** True when the current view is a branch and the item was changed on it (the list marks it). */
  changedOnBranch(itemId: string): boolean {
    return this.state.view.changedOnBranch(itemId);
  }

  /** Unacknowledged work is "local only" until a server is configured, then "pending sync". */
  syncBadge(itemId: string): ItemSyncBadge {
    return syncBadgeFor({
      item: this.requireItem(itemId),
      visibleOps: this.state.view.opsOf(itemId),
      rejectedOps: this.state.log.rejectedOf(itemId, this.state.branchId),
      serverConfigured: this.serverConfigured,
      // Only the user's own unsent ops: others' arrive with the server's status.
      needsApproval: (op) => op.author === this.identity.userName && needsApproval(op, this.state.namespaces),
    });
  }

  /** Called by the sync engine when it starts (true) or a server is removed (false). */
  setServerConfigured(configured: boolean): void {
    this.serverConfigured = configured;
  }

  get conflicts(): ConflictService {
    return this.conflictServices().conflicts;
  }

  get branchMerge(): BranchMergeService {
    return this.conflictServices().branchMerge;
  }

  /** Resolves a conflict with `result` (a merge op over all heads); see ConflictService.resolve. */
  resolveConflict(itemId: string, result: ItemSnapshot, expectedHeads?: readonly string[]): Promise<Op> {
    return this.conflicts.resolve(itemId, result, expectedHeads);
  }

  // ---- item actions ----

  createItem(input: { path: string; kind: ItemKind; content?: string }): Promise<ItemState> {
    return this.run(async () => {
      checkItemPath(input.path, this.state.view.items());
      const op = createItemOp(this.context(), { ...input, content: input.content ?? '' });
      await this.write(op);
      return this.requireItem(op.itemId);
    });
  }

  updateContent(itemId: string, content: string): Promise<void> {
    return this.run(async () => {
      const item = this.requireLiveItem(itemId);
      if (item.content === content) return;
      await this.write(updateItemOp(this.context(), item, content));
    });
  }

  /** What restoring version `opId` of an item would do (History words its button and note from it). */
  restorePlan(itemId: string, opId: string): RestorePlan {
    const item = this.requireItem(itemId);
    const version = this.state.view.opsOf(itemId).find((op) => op.id === opId);
    if (!version) throw new ValidationError('That version is not in this item’s history', 'opId');
    return planRestore(item, version);
  }

  /**
   * "Restore this version" from History: one new op on the current heads,
   * never a rewrite (see planRestore). On an item in conflict the version is
   * saved as the resolution, through the conflict service like the resolver.
   */
  async restoreVersion(itemId: string, opId: string): Promise<void> {
    const plan = this.restorePlan(itemId, opId);
    if (plan.kind === 'resolve') {
      await this.resolveConflict(itemId, plan.result, this.requireItem(itemId).heads);
      return;
    }
    await this.run(async () => {
      await this.loadHistory([itemId]);
      const item = this.requireItem(itemId);
      const now = this.restorePlan(itemId, opId);
      if (now.kind === 'update') await this.write(updateItemOp(this.context(), item, now.content));
      else if (now.kind === 'undelete') {
        checkItemPath(item.path, this.state.view.items(), itemId);
        await this.write(restoreItemOp(this.context(), item, now.snapshot));
      } else if (now.kind === 'resolve') {
        throw new ValidationError(`${item.path} is in conflict now: open it again to resolve it`, 'itemId');
      } else throw new ValidationError(now.note, 'opId');
    });
  }

  /** Renames an item; a new namespace prefix moves it to that namespace. */
  renameItem(itemId: string, newPath: string): Promise<void> {
    return this.run(async () => {
      const item = this.requireLiveItem(itemId);
      if (item.path === newPath) return;
      checkItemPath(newPath, this.state.view.items(), itemId);
      const named =
        item.kind === 'component'
          ? renameComponentName(item.content, splitPath(item.path).name, splitPath(newPath).name)
          : null;
      await this.write(renameItemOp(this.context(), item, newPath, named ?? undefined));
    });
  }

  deleteItem(itemId: string): Promise<void> {
    return this.run(async () => {
      await this.write(deleteItemOp(this.context(), this.requireLiveItem(itemId)));
    });
  }

  /** A change made in the mirror folder, built on the op its file came from (see outsideEditOp); null: nothing to save. */
  saveOutsideEdit(itemId: string, edit: OutsideEdit, base: string | null): Promise<Op | null> {
    return this.run(async () => {
      await this.loadHistory([itemId]);
      if (edit.type === 'rename') checkItemPath(edit.path, this.state.view.items(), itemId);
      const item = this.requireItem(itemId);
      const op = outsideEditOp(this.context(), item, this.state.view.opsOf(itemId), edit, base);
      if (op) await this.write(op);
      return op;
    });
  }

  /**
   * Many edits or deletions from the mirror folder (a pull) at once: each is
   * built as saveOutsideEdit builds it, and all are written in one database
   * write. Each entry's answer is its op, null (nothing to save) or why not.
   */
  saveOutsideEdits(
    edits: readonly { itemId: string; edit: Exclude<OutsideEdit, { type: 'rename' }>; base: string | null }[],
  ): Promise<(Op | null | Error)[]> {
    return this.run(async () => {
      await this.loadHistory(edits.map((e) => e.itemId));
      const answers = edits.map(({ itemId, edit, base }) => {
        try {
          const item = this.requireItem(itemId);
          return outsideEditOp(this.context(), item, this.state.view.opsOf(itemId), edit, base);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
      const ops = answers.filter((a): a is Op => a !== null && !(a instanceof Error));
      if (ops.length > 0) {
        await this.db.ops.insert(ops);
        this.state.absorb(ops);
        await saveClock(this.db, this.state.clock);
      }
      return answers;
    });
  }

  /** Undoes a delete, as long as no live item has taken the path meanwhile. */
  restoreItem(itemId: string): Promise<void> {
    return this.run(async () => {
      const item = this.requireItem(itemId);
      if (!item.deleted) throw new ValidationError(`"${item.path}" is not deleted`, 'itemId');
      checkItemPath(item.path, this.state.view.items(), itemId);
      await this.write(restoreItemOp(this.context(), item));
    });
  }

  /**
   * Removes cached history (synced ops written by others) from this computer
   * to free space; the database refuses unsent ops and this user's own, and
   * then removes nothing. Runs between actions, so no edit sees it half done.
   */
  evictOps(opIds: readonly string[]): Promise<Op[]> {
    return this.run(async () => {
      await this.reads.whole();
      const removed = await this.db.ops.evict(opIds, this.identity.userName);
      this.state.drop(removed.map((op) => op.id));
      return removed;
    });
  }

  // ---- namespaces and branches ----

  /** Who will own `path` if the current user creates it, under the server's claim setting (null: unknown). */
  newNamespaceOwner(path: string, claim: NamespaceClaim | null): NewNamespaceOwner {
    return newNamespaceOwner(path, this.identity.userName, this.state.namespaces, claim);
  }

  /**
   * Records a namespace (it may hold no items yet), owned by the current user
   * only when the server will agree (newNamespaceOwner): otherwise the
   * record names no owner, so edits there show as awaiting approval at once.
   */
  createNamespace(path: string, claim: NamespaceClaim | null = 'first-push'): Promise<void> {
    return this.run(async () => {
      checkNewNamespace(path, this.state.namespaces);
      const owned = ownsNewNamespace(this.newNamespaceOwner(path, claim));
      const owners = owned ? [this.identity.userName] : [];
      const record: Namespace = { path, owners, updatedAt: this.now() };
      await this.db.namespaces.upsert(record);
      this.state.setNamespaces([...this.state.namespaces, record]);
    });
  }

  /** Starts a branch from main as this machine sees it now, and switches to it. */
  createBranch(name: string): Promise<Branch> {
    return this.run(async () => {
      const branch = this.newBranch(checkBranchName(name, this.state.branches));
      await this.db.branches.upsert(branch);
      await saveClock(this.db, this.state.clock);
      this.state.setBranches(replaceById(this.state.branches, branch));
      await this.switchTo(branch);
      return branch;
    });
  }

  /** Switches to 'main' or an open branch; remembered across restarts. */
  switchBranch(branchId: string): Promise<void> {
    return this.run(() => this.switchTo(checkSwitchTarget(branchId, this.state.branches)));
  }

  /** Marks an open branch abandoned; if it is the current one, goes back to main. */
  abandonBranch(branchId: string): Promise<void> {
    return this.run(async () => {
      const target = checkAbandonTarget(branchId, this.state.branches);
      const abandoned: Branch = { ...target, state: 'abandoned', updatedAt: this.now() };
      await this.db.branches.upsert(abandoned);
      this.state.setBranches(replaceById(this.state.branches, abandoned));
      if (this.state.branchId === branchId) await this.switchTo(null);
    });
  }

  // ---- settings and lifetime ----

  async getSetting<T>(key: string, fallback: T): Promise<T> {
    const value = await this.db.meta.get<T>(settingKey(key));
    return value === undefined ? fallback : value;
  }

  async setSetting<T>(key: string, value: T): Promise<void> {
    await this.db.meta.set(settingKey(key), value);
  }

  /** Stops following the database and waits for queued actions. The database stays open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.keeper?.stop();
    this.services?.conflicts.stop();
    await this.tail;
    this.stopFollowing();
    this.state.unsubscribeAll();
  }

  // ---- internals ----

  /**
   * Shows the current view from the boot view when one is stored for it
   * (heads and what the badges need; see boot.ts), else from the whole log.
   * With other open branches the whole log is read next, in the background:
   * the conflict inbox looks at every open branch. True when booted from a
   * boot view nothing was written since (no new one is needed yet).
   */
  private async load(): Promise<boolean> {
    const [branches, namespaces, saved] = await Promise.all([
      this.db.branches.all(),
      this.db.namespaces.all(),
      this.db.meta.get<unknown>(CURRENT_BRANCH_KEY),
    ]);
    const branch = branches.find((b) => b.id === saved && b.state === 'open') ?? null;
    const boot = await readBootView(this.db, viewOf(branch));
    const ops = boot?.ops ?? (await this.db.ops.all());
    const stamps = [newestStamp(ops), ...branches.map((b) => b.baseHlc)];
    const clock = await restoreClock(this.db, this.identity.instanceId, this.now, stamps);
    this.state.onNeedHistory = (itemIds) => this.reads.requestItems(itemIds);
    this.state.load({ ops, branches, namespaces, branch, clock, ...(boot ? { partial: boot.partial } : {}) });
    if (boot && branches.some((b) => b.state === 'open' && b.id !== branch?.id)) this.reads.requestWhole();
    return boot?.current ?? false;
  }

  private followDb(): void {
    this.stops.push(
      this.db.ops.changes((ops) => this.state.absorb(ops)),
      this.db.branches.changes(() => this.inBackground(() => this.reloadBranches())),
      this.db.namespaces.changes(() => this.inBackground(() => this.reloadNamespaces())),
    );
  }

  private stopFollowing(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Durable first, then visible; the clock is saved so stamps survive a restart. */
  private async write(op: Op): Promise<void> {
    await this.db.ops.insert([op]);
    this.state.absorb([op]);
    await saveClock(this.db, this.state.clock);
  }

  private async switchTo(branch: Branch | null): Promise<void> {
    await this.reads.whole();
    await this.db.meta.set(CURRENT_BRANCH_KEY, branch?.id ?? MAIN_BRANCH);
    this.state.showBranch(branch);
  }

  /** Branches changed (maybe in another tab): follow the current one, or fall back to main. */
  private async reloadBranches(): Promise<void> {
    const branches = await this.db.branches.all();
    this.state.setBranches(branches);
    const current = this.state.branch;
    if (!current) return;
    const now = branches.find((b) => b.id === current.id);
    if (now?.state === 'open' && this.state.showsOtherView(now)) await this.reads.whole();
    if (now?.state === 'open') this.state.showBranch(now);
    else await this.switchTo(null);
  }

  private async reloadNamespaces(): Promise<void> {
    this.state.setNamespaces(await this.db.namespaces.all());
  }

  private newBranch(name: string): Branch {
    const at = this.now();
    return {
      id: this.newId(),
      name,
      state: 'open',
      mainPolicy: DEFAULT_MAIN_POLICY,
      baseSeq: this.state.log.maxMainSeq,
      baseHlc: this.state.clock.tick(),
      baseInstanceId: this.identity.instanceId,
      createdBy: this.identity.userName,
      createdAt: at,
      updatedAt: at,
    };
  }

  private conflictServices(): { conflicts: ConflictService; branchMerge: BranchMergeService } {
    const core = this.core();
    this.services ??= { conflicts: new ConflictService(core), branchMerge: new BranchMergeService(core) };
    return this.services;
  }

  /** The narrow door the conflict and branch-merge services use (see WorkspaceCore). */
  private core(): WorkspaceCore {
    return {
      identity: this.identity,
      meta: this.db.meta,
      now: () => this.now(),
      // Conflicts and merges may look at other branches: those views need the whole log.
      run: (task) =>
        this.run(async () => {
          if (this.hasOtherOpenBranches()) await this.reads.whole();
          return task();
        }),
      writeOps: async (ops) => {
        await this.db.ops.insert(ops);
        this.state.absorb(ops);
        await saveClock(this.db, this.state.clock);
      },
      context: (branchId) => ({ ...this.context(), branchId }),
      currentBranchId: () => this.state.branchId,
      viewFor: (branchId) => (branchId === this.state.branchId ? this.state.view : this.otherView(branchId)),
      allOps: () => {
        if (!this.state.holdsWholeLog) {
          this.reads.requestWhole();
          throw new ValidationError(
            'Tether is still reading this computer’s history; try again in a moment',
            'branchId',
          );
        }
        return this.state.log.all();
      },
      branches: () => this.state.branches,
      saveBranch: async (branch) => {
        await this.db.branches.upsert(branch);
        this.state.setBranches(replaceById(this.state.branches, branch));
        if (this.state.branchId === branch.id && branch.state !== 'open') await this.switchTo(null);
      },
      subscribe: (listener) => this.state.subscribe(listener),
      version: () => this.state.snapshot().version,
    };
  }

  /** Another branch's view, built from the whole log; empty (and the log requested) while it is read. */
  private otherView(branchId: string): ViewIndex {
    const branch = this.state.branches.find((b) => b.id === branchId) ?? null;
    if (this.state.holdsWholeLog) return buildView(this.state.log.all(), branch);
    this.reads.requestWhole();
    return new ViewIndex(viewOf(branch));
  }

  private hasOtherOpenBranches(): boolean {
    return this.state.branches.some((b) => b.state === 'open' && b.id !== this.state.branchId);
  }

  private context(): OpContext {
    return {
      author: this.identity.userName,
      instanceId: this.identity.instanceId,
      branchId: this.state.branchId,
      clock: this.state.clock,
      newId: this.newId,
    };
  }

  private requireItem(itemId: string): ItemState {
    const item = this.state.view.item(itemId);
    if (!item) throw new ValidationError(`There is no item "${itemId}" in this view`, 'itemId');
    return item;
  }

  private requireLiveItem(itemId: string): ItemState {
    const item = this.requireItem(itemId);
    if (item.deleted) {
      throw new ValidationError(`"${item.path}" is deleted; restore it first`, 'itemId');
    }
    return item;
  }

  /** Runs actions one after another; a failed one does not stop the next. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The workspace is closed'));
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private inBackground(task: () => Promise<void>): void {
    if (this.closed) return;
    this.run(task).catch((error: unknown) => logError('A background workspace task failed', error));
  }
}

function replaceById(branches: readonly Branch[], branch: Branch): Branch[] {
  return [...branches.filter((b) => b.id !== branch.id), branch];
}

function newestStamp(ops: readonly Op[]): string | undefined {
  let newest: string | undefined;
  for (const op of ops) if (newest === undefined || op.hlc > newest) newest = op.hlc;
  return newest;
}

function settingKey(key: string): string {
  if (key.trim() === '') throw new ValidationError('A setting needs a name', 'key');
  return SETTING_PREFIX + key;
}
