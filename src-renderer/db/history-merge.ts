import { OpSchema, opBodyOf, sameOpBody, type Op } from '../../src-shared/model/index.js';
import { sameServerFields } from '../../src-shared/sync/server-fields.js';
import type { HistoryPages } from './history-pages.js';
import { liveRowKeys } from './bulk-read.js';
import { checkInput } from './input.js';
import type { OpsCollection } from './ops-store.js';
import { sameStoredBody, type ReceivedOps } from './server-writes.js';

/**
 * A read of op rows with the history pages' ops for the same question: an op
 * held both ways is read as its row (a page is never rewritten with the
 * server's later fields; the row that took them is).
 */
export function withPages(rows: Op[], paged: readonly Op[], order: (a: Op, b: Op) => number): Op[] {
  if (paged.length === 0) return rows;
  const byId = new Map<string, Op>();
  for (const op of paged) byId.set(op.id, op);
  for (const op of rows) byId.set(op.id, op);
  return [...byId.values()].sort(order);
}

/**
 * Server ops less those a history page holds as they are: one with the same
 * body and server fields changes nothing, one with another body is refused
 * (an op never changes once written), and one with new server fields goes to
 * the op rows, whose copy is then the one read.
 */
export async function notInPages(
  history: HistoryPages,
  input: readonly Op[],
): Promise<{ ops: Op[]; mismatched: string[] }> {
  const held = await history.byIds(input.map((op) => op.id));
  if (held.size === 0) return { ops: [...input], mismatched: [] };
  const ops: Op[] = [];
  const mismatched: string[] = [];
  for (const op of input) {
    const page = held.get(op.id);
    if (!page) ops.push(op);
    else if (!sameOpBody(opBodyOf(page), opBodyOf(op))) mismatched.push(op.id);
    else if (!sameServerFields(page, op)) ops.push(op);
  }
  return { ops, mismatched };
}

/**
 * Stores pulled history pages: each page's ops as checked, less those the op
 * rows already hold (heads, and anything a pull meanwhile stored); a held
 * one with another body is reported, as a pull would.
 */
export async function receiveHistoryPages(
  collection: OpsCollection,
  history: HistoryPages,
  branchId: string,
  pages: readonly (readonly Op[])[],
): Promise<ReceivedOps> {
  const checked = pages.map((page) => page.map((op) => checkInput(OpSchema, op, 'op')));
  const ids = [...new Set(checked.flat().map((op) => op.id))];
  // Which ids the rows hold, from the keys alone; only those rows are read, to compare bodies.
  const keys = await liveRowKeys(collection);
  const heldIds = keys ? ids.filter((id) => keys.has(id)) : ids;
  const rows = heldIds.length > 0 ? await collection.storageInstance.findDocumentsById(heldIds, false) : [];
  const held = new Map(rows.map((row) => [row.id, row]));
  const mismatched: string[] = [];
  const seen = new Set<string>();
  const kept = checked.map((page) =>
    page.filter((op) => {
      if (seen.has(op.id)) return false;
      seen.add(op.id);
      const row = held.get(op.id);
      if (row && !sameStoredBody(row, op)) mismatched.push(op.id);
      return row === undefined;
    }),
  );
  await history.write(branchId, kept);
  return { inserted: kept.flat(), updated: [], mismatched };
}
