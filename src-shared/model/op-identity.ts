import { OP_BODY_KEYS, type Op, type OpBody } from './op.js';

/** The author-written part of an op, without what the server assigned. */
export function opBodyOf(op: Op): OpBody {
  const body: Record<string, unknown> = {};
  for (const key of OP_BODY_KEYS) body[key] = op[key];
  return body as OpBody;
}

/**
 * True when two ops carry the same body. An op id is its idempotency key:
 * the same id with the same body is the same op (a retry), the same id with a
 * different body is a client bug or a forgery and must be refused.
 */
export function sameOpBody(a: OpBody, b: OpBody): boolean {
  return OP_BODY_KEYS.every((key) =>
    key === 'parents' ? sameStrings(a.parents, b.parents) : a[key] === b[key],
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
