import { opBodyOf, type Branch, type Op, type OpBody } from '../model/index.js';
import { MAX_PUSH_BYTES, MAX_PUSH_OPS, utf8ByteLength } from '../sync-protocol/index.js';

export interface PushPlan {
  /** Branch records to send first, so the server knows a branch before its ops. */
  branches: Branch[];
  /**
   * Other branches whose unsent ops this branch's ops build on (a merge op on
   * main names the branch's heads; a branch's first edit names main's): those
   * ops ride along, so the server must know these branches too.
   */
  alsoBranchIds: string[];
  /** Op batches in HLC order, each within the server's push limits. */
  batches: OpBody[][];
}

/** Room left in a request body for the JSON around the ops. */
const BODY_MARGIN = 64 * 1024;

/**
 * What to send for one branch: its unacknowledged ops (never ones the server
 * refused before — those wait for the user) and the unsent ops of other
 * branches they build on, oldest clock first so parents go before children
 * (a local op's clock is above its parents'), split by MAX_PUSH_OPS and the
 * byte limit. Sending the ancestors along is what lets work branched and
 * merged offline sync whichever branch goes first: otherwise main's merge op
 * and the branch's first edit would each wait for the other's parents.
 */
export function planPush(input: {
  branchId: string;
  unacknowledged: readonly Op[];
  failedOpIds: ReadonlySet<string>;
  branch: Branch | null;
  lastSentBranch: unknown;
}): PushPlan {
  const sendable = input.unacknowledged.filter((op) => op.serverSeq == null && !input.failedOpIds.has(op.id));
  const ops = withUnsentAncestors(
    sendable.filter((op) => op.branchId === input.branchId),
    sendable,
  ).sort(byHlc);
  const alsoBranchIds = [...new Set(ops.map((op) => op.branchId))].filter((id) => id !== input.branchId);
  const branches = input.branch && branchNeedsPush(input.branch, input.lastSentBranch) ? [input.branch] : [];
  return { branches, alsoBranchIds, batches: splitBatches(ops.map(opBodyOf)) };
}

/** `own` and every op of `sendable` that one of them descends from, through unsent ops only. */
function withUnsentAncestors(own: readonly Op[], sendable: readonly Op[]): Op[] {
  const byId = new Map(sendable.map((op) => [op.id, op]));
  const picked = new Map(own.map((op) => [op.id, op]));
  const stack = [...own];
  for (let op = stack.pop(); op; op = stack.pop()) {
    for (const parentId of op.parents) {
      const parent = byId.get(parentId);
      if (!parent || picked.has(parentId)) continue;
      picked.set(parentId, parent);
      stack.push(parent);
    }
  }
  return [...picked.values()];
}

export function splitBatches(ops: readonly OpBody[], maxOps = MAX_PUSH_OPS): OpBody[][] {
  const batches: OpBody[][] = [];
  let batch: OpBody[] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = opJsonBytes(op);
    if (batch.length > 0 && (batch.length >= maxOps || bytes + size > MAX_PUSH_BYTES - BODY_MARGIN)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(op);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Field names, punctuation, type, kind and the four ids (letters, digits, _ and - only: a byte each). */
const OP_JSON_FRAME = 512;
/** A parent id in the list: up to 64 id bytes, two quotes and a comma. */
const PARENT_JSON_BYTES = 67;
/** JSON writes one UTF-16 unit of free text as at most six bytes (\u001f); most take one. */
const MAX_JSON_BYTES_PER_UNIT = 6;
/** Above this bound an op is serialized and counted exactly (a loose bound would shrink its batch). */
const EXACT_SIZE_ABOVE = 16 * 1024;

/**
 * An op's size as JSON, in bytes: a cheap upper bound when that is small (a
 * large push sizes a hundred thousand ops, and serializing each one just to
 * count its bytes cost a tenth of the push), the exact size otherwise, so
 * large contents still fill a batch.
 */
export function opJsonBytes(op: OpBody): number {
  const text = op.content.length + op.path.length + op.author.length + op.hlc.length;
  const bound = OP_JSON_FRAME + op.parents.length * PARENT_JSON_BYTES + text * MAX_JSON_BYTES_PER_UNIT;
  return bound < EXACT_SIZE_ABOVE ? bound : utf8ByteLength(JSON.stringify(op));
}

/** The fields of a branch the server takes from a client; a change in any means "push again". */
export function branchPushKey(branch: Branch): string {
  const { id, name, mainPolicy, baseSeq, baseHlc, baseInstanceId, state } = branch;
  return JSON.stringify([id, name, mainPolicy, baseSeq, baseHlc, baseInstanceId, state]);
}

export function branchNeedsPush(branch: Branch, lastSent: unknown): boolean {
  return branch.state === 'open' && lastSent !== branchPushKey(branch);
}

function byHlc(a: Op, b: Op): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
