import { compareHlc, isHlc, type HybridClock } from '../../src-shared/clock/hlc.js';
import { ViewIndex } from '../../src-shared/dag/index.js';
import { MAIN_BRANCH, type Branch, type Namespace, type Op } from '../../src-shared/model/index.js';
import { sameView, viewOf } from '../../src-shared/view/branch-view.js';
import { bootOpsOf, placeOps, type BootView } from '../../src-shared/view/boot-view.js';
import { OpLog } from './op-log.js';
import { buildSnapshot, type WorkspaceSnapshot } from './snapshot.js';

export interface LoadedState {
  ops: readonly Op[];
  branches: Branch[];
  namespaces: Namespace[];
  branch: Branch | null;
  clock: HybridClock;
  /**
   * Booted from a boot view: `ops` are what it holds (see
   * src-shared/view/boot-view.ts), and these items hold their heads only.
   * Absent: `ops` is the whole log.
   */
  partial?: { shallowItemIds: Iterable<string>; maxMainSeq: number };
}

/**
 * The in-memory side of a workspace: the ops held, the view of the current
 * branch, the branch and namespace lists, and the clock. It never touches the
 * database; the Workspace writes first and then tells this state. Every
 * change bumps the version and notifies subscribers.
 *
 * After a boot from a boot view it holds part of the log: shallow items
 * hold their heads only, until their history is filled in (fill) or the
 * whole log is read (complete). An arriving op that cannot join a shallow
 * item safely waits in the log, and `onNeedHistory` asks for that item's history.
 */
export class LiveState {
  readonly log = new OpLog();
  /** Items held by their heads only (empty once the whole log is held). */
  private readonly shallow = new Set<string>();
  private whole = true;
  /** Arrived ops that wait for their shallow item's history, by item. */
  private readonly waiting = new Map<string, Op[]>();
  onNeedHistory: (itemIds: Set<string>) => void = () => undefined;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private cached: WorkspaceSnapshot | null = null;
  private loaded: {
    view: ViewIndex;
    branch: Branch | null;
    branches: Branch[];
    namespaces: Namespace[];
    clock: HybridClock;
  } | null = null;

  load(state: LoadedState): void {
    this.log.absorb(state.ops);
    const { branch, branches, namespaces, clock, partial } = state;
    if (partial) {
      this.whole = false;
      for (const itemId of partial.shallowItemIds) this.shallow.add(itemId);
      this.log.noteMainSeq(partial.maxMainSeq);
    }
    this.loaded = { view: this.viewFor(branch), branch, branches, namespaces, clock };
  }

  /** True when every op of the database is held (not booted from a boot view, or completed since). */
  get holdsWholeLog(): boolean {
    return this.whole;
  }

  /** True when the op is in the log (absorbed from a write, a read or the change stream). */
  holdsOp(opId: string): boolean {
    return this.log.get(opId) !== undefined;
  }

  /** True when the item's view holds its heads only. */
  isShallow(itemId: string): boolean {
    return this.shallow.has(itemId);
  }

  /**
   * Items' whole history, read from the database: they are held whole from
   * now on. Ops that waited for it join too (the read may have started before they were written).
   */
  fill(itemIds: Iterable<string>, read: readonly Op[]): void {
    const ops = [...read];
    for (const itemId of itemIds) {
      this.shallow.delete(itemId);
      ops.push(...(this.waiting.get(itemId) ?? []));
      this.waiting.delete(itemId);
    }
    this.log.absorb(ops);
    if (!this.loaded) return;
    this.receiveStamps(ops);
    this.loaded.view.replaceOps(ops);
    this.changed();
  }

  /** The whole log, read from the database: the view is rebuilt from it and nothing is shallow any more. */
  complete(ops: readonly Op[]): void {
    this.log.absorb(ops);
    this.shallow.clear();
    this.waiting.clear();
    this.whole = true;
    if (!this.loaded) return;
    this.receiveStamps(ops);
    this.loaded.view = this.viewFor(this.loaded.branch);
    this.changed();
  }

  /** What a later boot of this view needs (see src-shared/view/boot-view.ts); null while an op waits on a history read. */
  bootView(): BootView | null {
    if (this.waiting.size > 0) return null;
    const view = this.ready.view;
    return {
      view: view.view,
      maxMainSeq: this.log.maxMainSeq,
      ops: bootOpsOf(view, this.log.rejectedOn(this.branchId)),
    };
  }

  get view(): ViewIndex {
    return this.ready.view;
  }

  get branch(): Branch | null {
    return this.ready.branch;
  }

  get branchId(): string {
    return this.ready.branch?.id ?? MAIN_BRANCH;
  }

  get branches(): readonly Branch[] {
    return this.ready.branches;
  }

  get namespaces(): readonly Namespace[] {
    return this.ready.namespaces;
  }

  get clock(): HybridClock {
    return this.ready.clock;
  }

  /**
   * Takes in ops from our own writes, other tabs and sync alike. Idempotent:
   * an op seen before (with the same server fields) changes nothing. Before
   * load the ops only go into the log, which load() then builds the view from.
   */
  absorb(ops: readonly Op[]): void {
    const { added, replaced } = this.log.absorb(ops);
    if (added.length + replaced.length === 0 || !this.loaded) return;
    const view = this.loaded.view;
    this.receiveStamps(added);
    if (this.shallow.size > 0) {
      const { place, wait } = placeOps(
        [...added, ...replaced],
        view.view,
        (id) => this.isShallow(id),
        (id) => view.has(id),
      );
      view.replaceOps(place);
      for (const op of wait) this.waiting.set(op.itemId, [...(this.waiting.get(op.itemId) ?? []), op]);
      if (wait.length > 0) this.onNeedHistory(new Set(wait.map((op) => op.itemId)));
    } else {
      view.addOps(added);
      if (replaced.length > 0) view.replaceOps(replaced);
    }
    this.changed();
  }

  /** Ops evicted from the database: the log forgets them and the view is rebuilt without them (whole log only). */
  drop(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.requireWhole();
    this.log.drop(ids);
    if (!this.loaded) return;
    this.loaded.view = this.viewFor(this.loaded.branch);
    this.changed();
  }

  /** Shows a branch (null: main), rebuilding the view when its base or the branch differs. */
  showBranch(branch: Branch | null): void {
    const rebuild = this.showsOtherView(branch);
    this.ready.branch = branch;
    if (rebuild) {
      this.requireWhole();
      this.ready.view = this.viewFor(branch);
    }
    this.changed();
  }

  /** True when showing `branch` needs its view rebuilt (another branch, or its base moved). */
  showsOtherView(branch: Branch | null): boolean {
    return !sameView(viewOf(branch), viewOf(this.ready.branch));
  }

  setBranches(branches: Branch[]): void {
    this.ready.branches = branches;
    this.changed();
  }

  setNamespaces(namespaces: Namespace[]): void {
    this.ready.namespaces = namespaces;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  unsubscribeAll(): void {
    this.listeners.clear();
  }

  /** The same object until something changes (what useSyncExternalStore needs). */
  snapshot(): WorkspaceSnapshot {
    const state = this.ready;
    this.cached ??= buildSnapshot({
      branchId: this.branchId,
      branch: state.branch,
      view: state.view,
      branches: state.branches,
      namespaces: state.namespaces,
      unsyncedOpCount: this.log.unacknowledgedCount,
      version: this.version,
    });
    return this.cached;
  }

  private get ready(): NonNullable<LiveState['loaded']> {
    if (!this.loaded) throw new Error('The workspace is still loading');
    return this.loaded;
  }

  /** Building another view needs every op: the Workspace completes the log first. */
  private requireWhole(): void {
    if (!this.whole) throw new Error('The whole op log is needed here and is not loaded yet');
  }

  private viewFor(branch: Branch | null): ViewIndex {
    const view = new ViewIndex(viewOf(branch));
    view.addOps(this.log.all());
    return view;
  }

  /** Keeps our clock ahead of every stamp we have seen, as an HLC must. */
  private receiveStamps(ops: readonly Op[]): void {
    const clock = this.ready.clock;
    // A malformed stamp never reaches here from sync (pull.ts skips it); the check keeps any other path safe.
    for (const op of ops) if (isHlc(op.hlc) && compareHlc(op.hlc, clock.last) > 0) clock.receive(op.hlc);
  }

  private changed(): void {
    this.version += 1;
    this.cached = null;
    for (const listener of this.listeners) listener();
  }
}
