import type { Op } from '../model/index.js';

/**
 * Anti-entropy: client and server each summarise what they hold of a branch
 * over a range of server order (serverSeq, which never changes once drawn),
 * compare, and narrow a disagreement by halving until the range is small
 * enough to fetch whole. Then the client repairs just that range. This file
 * holds the rules both sides share; the server computes its half in
 * src-server/store/ops-digest.ts, the client in src-renderer/sync/anti-entropy.ts.
 */

/** A closed range of server order positions. */
export interface SeqRange {
  from: number;
  to: number;
}

/** What one side holds of a range: how many ops, and a hash of which ones in which state. */
export interface RangeDigest extends SeqRange {
  count: number;
  hash: string;
}

/** The fields of an op that a digest covers: which op, where in server order, and the server's decision. */
export interface DigestEntry {
  id: string;
  serverSeq: number;
  status: string;
}

/** A range no wider than this is fetched whole instead of halved again. */
export const DIGEST_LEAF_WIDTH = 256;
/** At most this many leaves are repaired in one run; the rest wait for the next. */
export const MAX_REPAIRED_LEAVES = 16;

/** 32-bit string hash (FNV-1a with a murmur finaliser); `seed` gives independent lanes. */
function lane(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The digest of a set of entries. Sums of per-op hashes do not depend on
 * order, so the server can add rows in whatever order it reads them; two
 * independent 32-bit lanes plus the count make an accidental match unlikely.
 */
export function digestOf(range: SeqRange, entries: Iterable<DigestEntry>): RangeDigest {
  let count = 0;
  let a = 0;
  let b = 0;
  for (const entry of entries) {
    if (entry.serverSeq < range.from || entry.serverSeq > range.to) continue;
    const text = `${entry.id}:${entry.serverSeq}:${entry.status}`;
    a = (a + lane(text, 0x811c9dc5)) >>> 0;
    b = (b + lane(text, 0x9747b28c)) >>> 0;
    count++;
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return { ...range, count, hash: `${hex(a)}${hex(b)}` };
}

export function sameDigest(a: RangeDigest, b: RangeDigest): boolean {
  return a.from === b.from && a.to === b.to && a.count === b.count && a.hash === b.hash;
}

/** The two halves of a range, or null for a single position. */
export function halvesOf(range: SeqRange): [SeqRange, SeqRange] | null {
  if (range.to <= range.from) return null;
  const mid = Math.floor((range.from + range.to) / 2);
  return [
    { from: range.from, to: mid },
    { from: mid + 1, to: range.to },
  ];
}

export function isLeaf(range: SeqRange, leafWidth = DIGEST_LEAF_WIDTH): boolean {
  return range.to - range.from + 1 <= leafWidth;
}

/**
 * Narrows a disagreement by halving. `remote` answers the server's digest of
 * a range; `local` computes ours. Returns the leaf ranges that differ, at
 * most `maxLeaves` of them (widest first is not needed: halving visits them in
 * server order), and how many digests were asked of the server.
 */
export async function narrowMismatches(
  root: SeqRange,
  remote: (range: SeqRange) => Promise<RangeDigest>,
  local: (range: SeqRange) => RangeDigest,
  options: { leafWidth?: number; maxLeaves?: number } = {},
): Promise<{ leaves: SeqRange[]; asked: number }> {
  const leafWidth = options.leafWidth ?? DIGEST_LEAF_WIDTH;
  const maxLeaves = options.maxLeaves ?? MAX_REPAIRED_LEAVES;
  const leaves: SeqRange[] = [];
  let asked = 0;
  const visit = async (range: SeqRange): Promise<void> => {
    if (leaves.length >= maxLeaves) return;
    asked++;
    if (sameDigest(await remote(range), local(range))) return;
    const halves = isLeaf(range, leafWidth) ? null : halvesOf(range);
    if (!halves) {
      leaves.push(range);
      return;
    }
    for (const half of halves) await visit(half);
  };
  await visit(root);
  return { leaves, asked };
}

/** A server op as a leaf's comparison needs it. */
export interface LeafServerOp extends DigestEntry {
  itemId: string;
  approvalId: string | null;
}

/** What a leaf's comparison found, and what the client does about each part. */
export interface LeafRepair {
  /** Server ops this client lacks or holds in another state: stored from the server's answer. */
  store: string[];
  /** Acknowledged own ops the server does not list: sent again (the server is idempotent by id). */
  resend: string[];
  /** Others' ops held here that the server no longer shows this caller (rejected, ownership moved): logged. */
  hidden: string[];
  /** Server ops of items whose history this client evicted on purpose: not a repair. */
  evicted: string[];
}

/**
 * Compares one leaf: the server's ops of the range (as pull would give them
 * to this caller) against the local ops of the same range. Pure, so the
 * renderer only does the writes it names.
 */
export function compareLeaf(
  serverOps: readonly LeafServerOp[],
  localOps: readonly Op[],
  range: SeqRange,
  me: string,
  /** True for items whose history this client evicted to free space (they come back on demand). */
  isEvicted: (itemId: string) => boolean = () => false,
): LeafRepair {
  const repair: LeafRepair = { store: [], resend: [], hidden: [], evicted: [] };
  const local = new Map(localOps.map((op) => [op.id, op]));
  const listed = new Set<string>();
  for (const op of serverOps) {
    listed.add(op.id);
    const mine = local.get(op.id);
    if (!mine && isEvicted(op.itemId)) repair.evicted.push(op.id);
    else if (!mine || mine.serverSeq !== op.serverSeq || mine.status !== op.status) repair.store.push(op.id);
    else if ((mine.approvalId ?? null) !== (op.approvalId ?? null)) repair.store.push(op.id);
  }
  for (const op of localOps) {
    if (op.serverSeq == null || op.serverSeq < range.from || op.serverSeq > range.to) continue;
    if (listed.has(op.id)) continue;
    (op.author === me ? repair.resend : repair.hidden).push(op.id);
  }
  return repair;
}

export function repairsSomething(repair: LeafRepair): boolean {
  return repair.store.length > 0 || repair.resend.length > 0;
}

/** The local ops the server has acknowledged, as digest entries (unsent ops have no place in server order yet). */
export function acknowledgedEntries(ops: readonly Op[]): DigestEntry[] {
  const entries: DigestEntry[] = [];
  for (const op of ops) {
    if (op.serverSeq != null)
      entries.push({ id: op.id, serverSeq: op.serverSeq, status: op.status ?? 'approved' });
  }
  return entries;
}
