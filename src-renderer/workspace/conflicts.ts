import {
  batchPreview,
  fromSides,
  isConflictPolicy,
  policyFor,
  resultProblems,
  takeSide,
  type BatchPreviewRow,
  type ConflictPolicy,
  type PolicyMap,
  type ResolveSession,
  type Side,
} from '../../src-shared/conflicts/index.js';
import { conflictKind, lowestCommonAncestor, ViewIndex } from '../../src-shared/dag/index.js';
import { ValidationError } from '../../src-shared/errors.js';
import {
  snapshotOf,
  type Branch,
  type ItemSnapshot,
  type ItemState,
  type Op,
} from '../../src-shared/model/index.js';
import { mergeItemOp, type OpContext } from '../../src-shared/ops/index.js';
import { MAIN_VIEW, viewOf } from '../../src-shared/view/branch-view.js';
import { checkItemPath } from '../../src-shared/workspace-rules/index.js';
import type { MetaStore } from '../db/index.js';
import type { Identity } from './identity.js';
import { logError } from '../log/report.js';

/**
 * What the conflict and branch-merge services need from the Workspace. The
 * Workspace hands them this narrow door rather than its internals, so they
 * write through the same queue (one action at a time) and the same
 * durable-first write path as every other action.
 */
export interface WorkspaceCore {
  identity: Identity;
  meta: MetaStore;
  now(): number;
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Writes ops durably in one batch, then shows them. */
  writeOps(ops: Op[]): Promise<void>;
  context(branchId: string): OpContext;
  currentBranchId(): string;
  /** The current view (kept up to date) or, for another branch, one built now. */
  viewFor(branchId: string): ViewIndex;
  allOps(): Iterable<Op>;
  branches(): readonly Branch[];
  saveBranch(branch: Branch): Promise<void>;
  subscribe(listener: () => void): () => void;
  version(): number;
}

export const POLICY_KEY = 'conflicts.policies';
export const AUDIT_KEY = 'conflicts.audit';
const AUDIT_LIMIT = 500;

/** A conflict the policy settled by itself, kept so a person can look again. */
export interface AuditEntry {
  at: number;
  itemId: string;
  path: string;
  branchId: string;
  policy: ConflictPolicy;
  winner: Side;
  winnerOpId: string;
  loserOpIds: string[];
  /** The merge op the policy wrote. */
  opId: string;
}

/** A conflict on some branch, for the inbox. */
export interface ConflictEntry {
  branchId: string;
  item: ItemState;
}

/** Saving was refused because the item's heads moved since the resolver opened. */
export class HeadsChangedError extends Error {
  override readonly name = 'HeadsChangedError';
  constructor(
    readonly item: ItemState,
    readonly earlier: ItemSnapshot,
  ) {
    super(
      `"${item.path}" changed while you were resolving it (a sync brought another version). ` +
        'The resolver reopens with every version; your result is kept as the starting point.',
    );
  }
}

export class ConflictService {
  private policies: PolicyMap = {};
  private stopAuto: (() => void) | null = null;
  /** Conflicts (item + heads) the policy already looked at, so it acts once per shape. */
  private readonly seen = new Set<string>();
  private scheduled = false;
  private cache: { version: number; entries: ConflictEntry[] } | null = null;

  constructor(private readonly core: WorkspaceCore) {}

  /** Loads the policies and starts settling conflicts the policies cover (now and as they appear). */
  async start(): Promise<void> {
    this.policies = readPolicies(await this.core.meta.get<unknown>(POLICY_KEY));
    this.stopAuto ??= this.core.subscribe(() => this.schedule());
    await this.core.run(() => this.autoResolve());
  }

  stop(): void {
    this.stopAuto?.();
    this.stopAuto = null;
  }

  // ---- reading ----

  /** This machine: its sides are "local" in the resolver. */
  get instanceId(): string {
    return this.core.identity.instanceId;
  }

  /** Conflicts on main and every open branch (the current view first). */
  all(): ConflictEntry[] {
    const version = this.core.version();
    if (this.cache?.version === version) return this.cache.entries;
    const current = this.core.currentBranchId();
    const ids = [current, ...['main', ...this.openBranchIds()].filter((id) => id !== current)];
    const entries = ids.flatMap((branchId) =>
      this.core
        .viewFor(branchId)
        .conflicts()
        .map((item) => ({ branchId, item })),
    );
    this.cache = { version, entries };
    return entries;
  }

  item(itemId: string, branchId = this.core.currentBranchId()): ItemState | undefined {
    return this.core.viewFor(branchId).item(itemId);
  }

  getPolicies(): PolicyMap {
    return this.policies;
  }

  /** Auto-resolved conflicts, oldest first (queued behind running actions, so a fresh one is in). */
  audit(): Promise<AuditEntry[]> {
    return this.core.run(() => this.readAuditNow());
  }

  private async readAuditNow(): Promise<AuditEntry[]> {
    return readAudit(await this.core.meta.get<unknown>(AUDIT_KEY));
  }

  // ---- resolving ----

  /**
   * Resolves a conflict: a merge op over all current heads, durable first, so
   * it works offline. With `expectedHeads` (what the resolver opened with), a
   * change of heads meanwhile refuses the save with HeadsChangedError.
   */
  resolve(
    itemId: string,
    result: ItemSnapshot,
    expectedHeads?: readonly string[],
    branchId = this.core.currentBranchId(),
  ): Promise<Op> {
    return this.core.run(async () => {
      const item = this.requireItem(itemId, branchId);
      if (expectedHeads && !sameSet(item.heads, expectedHeads)) throw new HeadsChangedError(item, result);
      const problems = resultProblems(result);
      if (problems.length) throw new ValidationError(problems.join('; '), 'result');
      if (!result.deleted) checkItemPath(result.path, this.core.viewFor(branchId).items(), itemId);
      const op = mergeItemOp(this.core.context(branchId), item, result);
      await this.core.writeOps([op]);
      return op;
    });
  }

  /** What taking one side for each of these items would do (nothing is written). */
  previewBatch(
    itemIds: readonly string[],
    side: Side,
    branchId = this.core.currentBranchId(),
  ): BatchPreviewRow[] {
    const view = this.core.viewFor(branchId);
    const items = itemIds.map((id) => view.item(id)).filter((i): i is ItemState => !!i?.conflict);
    return batchPreview(items, side, this.core.identity.instanceId);
  }

  /**
   * Applies a previewed batch in one write. Rows whose item moved since the
   * preview are left out and returned, so the user can look at them again.
   */
  applyBatch(
    rows: readonly BatchPreviewRow[],
    branchId = this.core.currentBranchId(),
  ): Promise<{ ops: Op[]; skipped: string[] }> {
    return this.core.run(async () => {
      const view = this.core.viewFor(branchId);
      const ctx = this.core.context(branchId);
      const ops: Op[] = [];
      const skipped: string[] = [];
      for (const row of rows) {
        const item = view.item(row.itemId);
        if (!item?.conflict || !sameSet(item.heads, row.heads)) skipped.push(row.itemId);
        else ops.push(mergeItemOp(ctx, item, row.result));
      }
      if (ops.length) await this.core.writeOps(ops);
      return { ops, skipped };
    });
  }

  // ---- policies ----

  async setPolicy(namespace: string, policy: ConflictPolicy): Promise<void> {
    if (!isConflictPolicy(policy))
      throw new ValidationError(`Unknown conflict policy "${String(policy)}"`, 'policy');
    if (!namespace.trim()) throw new ValidationError('A policy needs a namespace', 'namespace');
    const next: Record<string, ConflictPolicy> = { ...this.policies };
    if (policy === 'manual') delete next[namespace];
    else next[namespace] = policy;
    await this.core.meta.set(POLICY_KEY, next);
    this.policies = next;
    this.seen.clear();
    await this.core.run(() => this.autoResolve());
  }

  /**
   * A resolver session to look again at an auto-resolved conflict: the
   * policy's result against the side it dropped. Saving writes a new merge op.
   */
  reopenSession(entry: AuditEntry): ResolveSession {
    const view = this.core.viewFor(entry.branchId);
    const item = view.item(entry.itemId);
    if (!item) throw new ValidationError(`"${entry.path}" is no longer in this view`, 'itemId');
    const ops = view.opsOf(entry.itemId);
    const byId = new Map(ops.map((op) => [op.id, op]));
    const loser = entry.loserOpIds.map((id) => byId.get(id)).find((op): op is Op => !!op);
    if (!loser)
      throw new ValidationError(`The dropped version of "${entry.path}" is not held here`, 'itemId');
    const winner = byId.get(entry.winnerOpId) ?? item.current;
    const ancestor = lowestCommonAncestor(byId, [winner, loser]);
    const base = ancestor ? snapshotOf(ancestor) : null;
    const local = {
      label: `Auto-resolved (${entry.policy})`,
      ops: [item.current],
      op: item.current,
      snapshot: snapshotOf(item.current),
      mine: true,
    };
    const remote = {
      label: `Dropped: ${loser.author}`,
      ops: [loser],
      op: loser,
      snapshot: snapshotOf(loser),
      mine: false,
    };
    return fromSides(
      item.itemId,
      conflictKind(base, [item.current, loser]),
      base,
      { local, remote, byMachine: true },
      item.heads,
    );
  }

  // ---- internals ----

  private schedule(): void {
    if (this.scheduled || Object.keys(this.policies).length === 0) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.core
        .run(() => this.autoResolve())
        .catch((error: unknown) => logError('Resolving conflicts by policy failed', error));
    });
  }

  /**
   * Settles every conflict a policy covers, on main and every open branch
   * (a pull can bring conflicts to any of them, not just the one on screen),
   * in one write, with one audit entry each.
   */
  private async autoResolve(): Promise<void> {
    if (Object.keys(this.policies).length === 0) return;
    const ops: Op[] = [];
    const entries: AuditEntry[] = [];
    for (const { branchId, item } of this.all()) {
      const settled = this.settleByPolicy(branchId, item);
      if (!settled) continue;
      ops.push(settled.op);
      entries.push(settled.entry);
    }
    if (!ops.length) return;
    await this.core.writeOps(ops);
    const audit = [...(await this.readAuditNow()), ...entries].slice(-AUDIT_LIMIT);
    await this.core.meta.set(AUDIT_KEY, audit);
  }

  /** The merge op (and its audit entry) a policy decides for one conflict; null when it leaves it to a person. */
  private settleByPolicy(branchId: string, item: ItemState): { op: Op; entry: AuditEntry } | null {
    const key = `${branchId}:${item.itemId}:${[...item.heads].sort().join(',')}`;
    const policy = policyFor(item.path, this.policies);
    if (policy === 'manual' || this.seen.has(key)) return null;
    this.seen.add(key);
    const winner: Side = policy === 'prefer-local' ? 'local' : 'remote';
    const taken = takeSide(item, winner, this.core.identity.instanceId, true);
    if (!taken || resultProblems(taken.result).length) return null;
    const op = mergeItemOp(this.core.context(branchId), item, taken.result);
    const entry: AuditEntry = {
      at: this.core.now(),
      itemId: item.itemId,
      path: item.path,
      branchId,
      policy,
      winner,
      winnerOpId: taken.winnerOpId,
      loserOpIds: taken.loserOpIds,
      opId: op.id,
    };
    return { op, entry };
  }

  private requireItem(itemId: string, branchId: string): ItemState {
    const item = this.core.viewFor(branchId).item(itemId);
    if (!item) throw new ValidationError(`There is no item "${itemId}" in this view`, 'itemId');
    return item;
  }

  private openBranchIds(): string[] {
    return this.core
      .branches()
      .filter((b) => b.state === 'open')
      .map((b) => b.id);
  }
}

/** A view of `branch` (main when null) built from every op held. */
export function buildView(ops: Iterable<Op>, branch: Branch | null): ViewIndex {
  const view = new ViewIndex(branch ? viewOf(branch) : MAIN_VIEW);
  view.addOps(ops);
  return view;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function readPolicies(raw: unknown): PolicyMap {
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, ConflictPolicy> = {};
  for (const [ns, policy] of Object.entries(raw)) if (isConflictPolicy(policy)) out[ns] = policy;
  return out;
}

function readAudit(raw: unknown): AuditEntry[] {
  return Array.isArray(raw) ? (raw as AuditEntry[]) : [];
}
