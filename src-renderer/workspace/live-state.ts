import { compareHlc, isHlc, type HybridClock } from '../../src-shared/clock/hlc.js';
import { ViewIndex } from '../../src-shared/dag/index.js';
import { MAIN_BRANCH, type Branch, type Namespace, type Op } from '../../src-shared/model/index.js';
import { viewOf } from '../../src-shared/view/branch-view.js';
import { OpLog } from './op-log.js';
import { buildSnapshot, type WorkspaceSnapshot } from './snapshot.js';

export interface LoadedState {
  ops: readonly Op[];
  branches: Branch[];
  namespaces: Namespace[];
  branch: Branch | null;
  clock: HybridClock;
}

/**
 * The in-memory side of a workspace: every op held, the view of the current
 * branch, the branch and namespace lists, and the clock. It never touches the
 * database; the Workspace writes first and then tells this state. Every
 * change bumps the version and notifies subscribers.
 */
export class LiveState {
  readonly log = new OpLog();
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
    const { branch, branches, namespaces, clock } = state;
    this.loaded = { view: this.viewFor(branch), branch, branches, namespaces, clock };
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
    this.receiveStamps(added);
    this.loaded.view.addOps(added);
    if (replaced.length > 0) this.loaded.view.replaceOps(replaced);
    this.changed();
  }

  /** Ops evicted from the database: the log forgets them and the view is rebuilt without them. */
  drop(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.log.drop(ids);
    if (!this.loaded) return;
    this.loaded.view = this.viewFor(this.loaded.branch);
    this.changed();
  }

  /** Shows a branch (null: main), rebuilding the view when its base or the branch differs. */
  showBranch(branch: Branch | null): void {
    const before = this.ready.branch;
    this.ready.branch = branch;
    if (branch?.id !== before?.id || (before && branch && baseMoved(before, branch))) {
      this.ready.view = this.viewFor(branch);
    }
    this.changed();
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

/** True when the branch now sees a different main (it was updated from main). */
function baseMoved(before: Branch, after: Branch): boolean {
  return (
    before.baseSeq !== after.baseSeq ||
    before.baseHlc !== after.baseHlc ||
    before.baseInstanceId !== after.baseInstanceId
  );
}
