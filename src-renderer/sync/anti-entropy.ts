import { opBodyOf, MAIN_BRANCH, type Op } from '../../src-shared/model/index.js';
import {
  acknowledgedEntries,
  compareLeaf,
  digestOf,
  narrowMismatches,
  repairsSomething,
  sameDigest,
  type LeafRepair,
  type SeqRange,
} from '../../src-shared/sync/anti-entropy.js';
import { classifySyncError } from '../../src-shared/sync/errors.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { applyAcks } from '../../src-shared/sync/server-fields.js';
import { logWarning } from '../log/report.js';
import { readEvicted } from '../storage/history-marks.js';
import type { SyncContext } from './context.js';
import { historyPending } from './fresh-start.js';
import { pullBranchOps, storeServerOps } from './pull.js';

/** What one anti-entropy check of a branch found and did. */
export interface AntiEntropyReport {
  branchId: string;
  /** False: the digests agreed (at once, or after catching up with a pull). */
  mismatched: boolean;
  /** The narrowed ranges that were fetched and compared op by op. */
  leaves: SeqRange[];
  /** Ops stored from the server (lost here, or held in an older state). */
  stored: number;
  /** Own acknowledged ops the server did not list, sent again. */
  resent: number;
  /** Others' ops held here that the server no longer shows this person (logged only). */
  hidden: number;
}

/** By default a branch is compared at most this often (each sync otherwise costs a full digest). */
export const ANTI_ENTROPY_EVERY_MS = 5 * 60_000;

/** Runs `checkBranch` when the branch's last check is older than `everyMs` (0: every time). */
export async function checkBranchIfDue(
  ctx: SyncContext,
  branchId: string,
  everyMs = ANTI_ENTROPY_EVERY_MS,
): Promise<AntiEntropyReport | null> {
  const key = syncKeys.antiEntropyCheckedAt(branchId);
  const last = await ctx.db.meta.get<number>(key);
  if (everyMs > 0 && last === undefined) {
    // A new database starts its clock here: the first comparison comes a full interval later.
    await ctx.db.meta.set(key, ctx.now());
    return null;
  }
  if (everyMs > 0 && ctx.now() - (last ?? 0) < everyMs) return null;
  try {
    const report = await checkBranch(ctx, branchId);
    if (report) await ctx.db.meta.set(key, ctx.now());
    return report;
  } catch (error) {
    // Offline or a refused account is the sync's business; anything else (a server without the
    // digest route, a bad answer) must not fail the sync it rides on: log it and wait an interval.
    const kind = classifySyncError(error).kind;
    if (kind === 'offline' || kind === 'auth') throw error;
    logWarning(`Anti-entropy could not compare branch ${branchId} with the server`, error);
    await ctx.db.meta.set(key, ctx.now());
    return null;
  }
}

/**
 * Compares what this computer holds of a branch with what the server would
 * give it, and repairs only the ranges that differ: a lost local row, a
 * checkpoint that skipped, a status change that never arrived. A root
 * mismatch first catches up with an ordinary pull (news that arrived since
 * is not damage); what still differs is narrowed by halving, fetched range by
 * range, stored, and logged. Returns null while the history behind a
 * heads-first start is still coming (the difference is expected then).
 */
export async function checkBranch(ctx: SyncContext, branchId: string): Promise<AntiEntropyReport | null> {
  if (branchId === MAIN_BRANCH && (await historyPending(ctx))) return null;
  const report: AntiEntropyReport = {
    branchId,
    mismatched: false,
    leaves: [],
    stored: 0,
    resent: 0,
    hidden: 0,
  };
  let local = acknowledgedEntries(await ctx.db.ops.byBranch(branchId));
  const root = await ctx.remote.opsDigest({ branch: branchId });
  const range = { from: root.from, to: root.to };
  if (range.to < range.from || sameDigest(root, digestOf(range, local))) return report;

  await pullBranchOps(ctx, branchId);
  local = acknowledgedEntries(await ctx.db.ops.byBranch(branchId));
  const remote = (r: SeqRange) => ctx.remote.opsDigest({ branch: branchId, from: r.from, to: r.to });
  const { leaves } = await narrowMismatches(range, remote, (r) => digestOf(r, local));
  if (leaves.length === 0) return report;

  report.mismatched = true;
  report.leaves = leaves;
  const localOps = await ctx.db.ops.byBranch(branchId);
  const evicted = await readEvicted(ctx.db.meta);
  const isEvicted = (itemId: string) => evicted[itemId]?.branches.includes(branchId) ?? false;
  let repaired = 0;
  for (const leaf of leaves) {
    const answer = await ctx.remote.opsDigest({
      branch: branchId,
      from: leaf.from,
      to: leaf.to,
      include: 'ops',
    });
    const serverOps = answer.ops ?? [];
    const repair = compareLeaf(serverOps, localOps, leaf, ctx.identity.userName, isEvicted);
    const wanted = new Set(repair.store);
    report.stored += await storeServerOps(
      ctx,
      serverOps.filter((op) => wanted.has(op.id)),
    );
    report.resent += await resend(ctx, localOps, repair);
    report.hidden += repair.hidden.length;
    if (repairsSomething(repair)) repaired++;
    if (repairsSomething(repair) || repair.hidden.length > 0) logRepair(branchId, leaf, repair);
  }
  if (repaired > 0) {
    await ctx.db.meta.set(
      syncKeys.repairs,
      ((await ctx.db.meta.get<number>(syncKeys.repairs)) ?? 0) + repaired,
    );
  }
  return report;
}

/** Own ops the server does not list although they were acknowledged: push them again (idempotent by id). */
async function resend(ctx: SyncContext, localOps: readonly Op[], repair: LeafRepair): Promise<number> {
  if (repair.resend.length === 0) return 0;
  const byId = new Map(localOps.map((op) => [op.id, op]));
  const ops = repair.resend.flatMap((id) => byId.get(id) ?? []);
  const { acks } = await ctx.remote.pushOps(ops.map(opBodyOf));
  await ctx.db.ops.receive(applyAcks(byId, acks));
  return acks.length;
}

function logRepair(branchId: string, leaf: SeqRange, repair: LeafRepair): void {
  const sample = (ids: string[]) => ids.slice(0, 5).join(', ');
  logWarning(
    `Anti-entropy on branch ${branchId}, server order ${leaf.from}-${leaf.to}: ` +
      `stored ${repair.store.length} op(s) this computer lacked or held in an older state [${sample(repair.store)}], ` +
      `sent ${repair.resend.length} own op(s) again [${sample(repair.resend)}], ` +
      `${repair.hidden.length} op(s) held here are no longer shown by the server [${sample(repair.hidden)}]`,
  );
}
