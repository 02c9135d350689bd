import type { RxCollection } from 'rxdb';
import {
  opsOfStoredBootView,
  StoredBootViewSchema,
  toStoredBootView,
  type BootView,
} from '../../src-shared/view/boot-view.js';
import { sameView, type ViewSpec } from '../../src-shared/view/branch-view.js';
import type { Op } from '../../src-shared/model/index.js';
import { dexieTableOf, isLiveRow } from './bulk-read.js';
import { HISTORY_PAGE_PREFIX } from './history-pages.js';
import { fromOpDoc } from './op-doc.js';
import type { MetaStore } from './small-stores.js';
import type { AckRow, MetaRow } from './schemas.js';

export const BOOT_VIEW_KEY = 'workspace.bootView';

/**
 * Rows written this long before a record was taken are looked at again when
 * it is read: a write (from another tab, say) whose change event had not
 * reached the workspace when the record was built is still caught. The
 * workspace takes one only after a quiet moment at least this long.
 */
export const BOOT_VIEW_MARGIN_MS = 2_000;

/** A stored boot view, with the items written since it was taken (their history must be read). */
export interface BootViewRead {
  maxMainSeq: number;
  ops: Op[];
  touchedItemIds: string[];
}

/**
 * The derived record a workspace boots from (see src-shared/view/boot-view.ts
 * and docs/sync-records.md): the current view's head ops, kept in meta with a
 * checkpoint, the newest write time (RxDB's indexed `_meta.lwt`) of the op
 * and ack rows when it was taken (less a margin). Reading it names every item written since,
 * so the write path of ops pays nothing for it. Nothing depends on it: when
 * it is missing, damaged or for another view, the workspace reads the whole
 * log and takes a new one.
 */
export interface BootViewStore {
  /** The record for `view`, or null (none, damaged, another view, or no indexed write times). */
  load(view: ViewSpec): Promise<BootViewRead | null>;
  /**
   * Takes a record: `build` runs between two reads of the newest write time,
   * and the record is kept only when nothing was written in between and the
   * builder `holds` every live op row written since the last record this
   * store took or read (a tab whose change events lag would otherwise store
   * a view without ops the checkpoint says it covers). False: not kept.
   */
  save(build: () => BootView | null, holds: (opId: string) => boolean): Promise<boolean>;
  clear(): Promise<void>;
}

/** The part of Dexie's table API read here (RxDB's Dexie storage indexes `_meta.lwt`). */
interface LwtTable {
  get(key: string): Promise<unknown>;
  bulkGet(keys: string[]): Promise<unknown[]>;
  orderBy(index: string): { last(): Promise<unknown> };
  where(index: string): {
    above(value: number): { toArray(): Promise<unknown[]>; primaryKeys(): Promise<unknown[]> };
  };
}

/** The Dexie tables under the op, ack and meta collections. */
interface Tables {
  ops: LwtTable;
  acks: LwtTable;
  meta: LwtTable;
}

export function createBootViewStore(
  meta: MetaStore,
  collections: { ops: RxCollection<unknown>; acks: RxCollection<AckRow>; meta: RxCollection<MetaRow> },
): BootViewStore {
  const tables = async (): Promise<Tables | null> => {
    const [o, a, m] = await Promise.all([
      dexieTableOf(collections.ops),
      dexieTableOf(collections.acks),
      dexieTableOf(collections.meta),
    ]);
    return o && a && m
      ? { ops: o as unknown as LwtTable, acks: a as unknown as LwtTable, meta: m as unknown as LwtTable }
      : null;
  };
  /** Op rows written up to here are in a record this store took or read: a save checks only newer ones. */
  let coveredUpTo = 0;
  return {
    load: async (view) => {
      const t = await tables();
      // Read from the table as stored: RxDB would copy the record field by field into a document first.
      const row = (await t?.meta.get(BOOT_VIEW_KEY)) as { value?: unknown } | undefined;
      const stored = row && isLiveRow(row) ? row.value : undefined;
      const parsed = StoredBootViewSchema.safeParse(stored);
      if (!t || !parsed.success || !sameView(parsed.data.view, view)) return null;
      const record = parsed.data;
      const held = opsOfStoredBootView(record);
      coveredUpTo = Math.max(coveredUpTo, record.checkpoint);

      const since = record.checkpoint;
      const [opRows, ackRows, pages] = await Promise.all([
        t.ops.where('_meta.lwt').above(since).toArray(),
        t.acks.where('_meta.lwt').above(since).toArray(),
        pagesSince(t.meta, since),
      ]);
      const touched = touchedItems(held, opRows, ackRows);
      for (const page of pages) touched.push(...page.itemIds);
      return {
        maxMainSeq: record.maxMainSeq,
        ops: held,
        touchedItemIds: [...new Set(touched)],
      };
    },
    save: async (build, holds) => {
      const t = await tables();
      if (!t) return false;
      const before = await newestWrite(t);
      // History pages written since count as op rows do (a page is rewritten when an op leaves it);
      // they are read before the checkpoint is set, so a page written after the read is newer than it.
      const pages = await pagesSince(t.meta, coveredUpTo);
      const newestPage = Math.max(0, ...pages.map((page) => page.lwt));
      const checkpoint = Math.min(Math.max(before, newestPage), Date.now() - BOOT_VIEW_MARGIN_MS);
      const paged = pages.flatMap((page) => page.opIds);
      const written = (await t.ops.where('_meta.lwt').above(coveredUpTo).primaryKeys()).map(String);
      // Built and compared in one turn: the builder absorbs nothing in between.
      const built = build();
      const missing = written.filter((id) => !holds(id));
      if (!built || paged.some((id) => !holds(id))) return false;
      if (!(await noneLive(t.ops, missing)) || (await newestWrite(t)) !== before) return false;
      await meta.set(BOOT_VIEW_KEY, toStoredBootView(built, checkpoint));
      coveredUpTo = checkpoint;
      return true;
    },
    clear: () => meta.set(BOOT_VIEW_KEY, undefined),
  };
}

/**
 * The id columns of the history pages (meta rows, history-pages.ts) written
 * after `since`: keys first from the write-time index, so the other meta rows
 * (the boot view itself among them) are not read.
 */
async function pagesSince(
  meta: LwtTable,
  since: number,
): Promise<{ opIds: string[]; itemIds: string[]; lwt: number }[]> {
  const keys = (await meta.where('_meta.lwt').above(since).primaryKeys())
    .map(String)
    .filter((key) => key.startsWith(HISTORY_PAGE_PREFIX));
  if (keys.length === 0) return [];
  return (await meta.bulkGet(keys)).flatMap((row) => {
    const page = (row as { value?: { opIds?: unknown; itemIds?: unknown } } | undefined)?.value;
    if (!row || !isLiveRow(row) || !Array.isArray(page?.opIds) || !Array.isArray(page.itemIds)) return [];
    return [{ opIds: page.opIds.map(String), itemIds: page.itemIds.map(String), lwt: lwtOf(row) }];
  });
}

/** The newest write time of the op and ack rows. */
async function newestWrite(t: Tables): Promise<number> {
  const rows = await Promise.all([t.ops.orderBy('_meta.lwt').last(), t.acks.orderBy('_meta.lwt').last()]);
  return Math.max(0, ...rows.map(lwtOf));
}

/** True when none of these op rows is a live op the model reads (removed and unreadable rows are never held). */
async function noneLive(ops: LwtTable, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await ops.bulkGet(ids);
  return rows.every((row) => {
    if (!row || !isLiveRow(row)) return true;
    try {
      fromOpDoc(row);
      return false;
    } catch {
      return true;
    }
  });
}

/** Items of op rows written since, and of held ops an ack row written since names. */
function touchedItems(
  held: readonly Op[],
  opRows: readonly unknown[],
  ackRows: readonly unknown[],
): string[] {
  const touched = new Set<string>();
  for (const row of opRows) {
    const itemId = (row as { itemId?: unknown }).itemId;
    if (typeof itemId === 'string') touched.add(itemId);
  }
  if (ackRows.length === 0) return [...touched];
  const itemOf = new Map(held.map((op) => [op.id, op.itemId]));
  for (const row of ackRows) {
    const ids = (row as { ids?: unknown }).ids;
    if (!Array.isArray(ids)) continue;
    for (const id of ids) {
      const itemId = itemOf.get(String(id));
      if (itemId) touched.add(itemId);
    }
  }
  return [...touched];
}

function lwtOf(row: unknown): number {
  const lwt = (row as { _meta?: { lwt?: unknown } } | undefined)?._meta?.lwt;
  return typeof lwt === 'number' ? lwt : 0;
}
