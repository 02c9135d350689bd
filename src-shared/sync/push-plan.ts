import { opBodyOf, type Branch, type Op, type OpBody } from '../model/index.js';
import { MAX_PUSH_BYTES, MAX_PUSH_OPS, utf8ByteLength } from '../sync-protocol/index.js';

export interface PushPlan {
  /** Branch records to send first, so the server knows a branch before its ops. */
  branches: Branch[];
  /** Op batches in HLC order, each within the server's push limits. */
  batches: OpBody[][];
}

/** Room left in a request body for the JSON around the ops. */
const BODY_MARGIN = 64 * 1024;

/**
 * What to send for one branch: its unacknowledged ops (never ones the server
 * refused before — those wait for the user), oldest clock first so parents go
 * before children, split by MAX_PUSH_OPS and the byte limit.
 */
export function planPush(input: {
  branchId: string;
  unacknowledged: readonly Op[];
  failedOpIds: ReadonlySet<string>;
  branch: Branch | null;
  lastSentBranch: unknown;
}): PushPlan {
  const ops = input.unacknowledged
    .filter((op) => op.branchId === input.branchId && op.serverSeq == null && !input.failedOpIds.has(op.id))
    .sort(byHlc);
  const branches = input.branch && branchNeedsPush(input.branch, input.lastSentBranch) ? [input.branch] : [];
  return { branches, batches: splitBatches(ops.map(opBodyOf)) };
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
