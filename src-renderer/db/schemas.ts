import { z } from 'zod';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import {
  BranchSchema,
  NamespaceSchema,
  OpSchema,
  OpStatusSchema,
  QueueEntrySchema,
  type Branch,
  type Namespace,
  type Op,
  type QueueEntry,
} from '../../src-shared/model/index.js';
import { upgradeQueueEntryV0 } from '../../src-shared/queue/entry.js';
import { LocalApprovalSchema, type LocalApproval } from '../../src-shared/approvals/index.js';
import { upgradeAckRowV0 } from './ack-row.js';
import { INDEXABLE_COUNT, rxSchemaFromZod } from './json-schema.js';

/**
 * An op as stored. RxDB's Dexie storage can only index required fields, so
 * `serverSeq` is always present and 0 stands for "not acknowledged yet"
 * (server sequences start at 1). The API maps it back to absent.
 */
export type OpDoc = Omit<Op, 'serverSeq'> & { serverSeq: number };
export const UNACKNOWLEDGED_SEQ = 0;

export const OPS_SCHEMA: RxJsonSchema<OpDoc> = rxSchemaFromZod<OpDoc>(OpSchema, {
  version: 0,
  primaryKey: 'id',
  overrides: {
    // The model's union ('main' | id) has no single maxLength, which an index needs.
    branchId: { type: 'string', minLength: 4, maxLength: 64 },
    serverSeq: INDEXABLE_COUNT,
  },
  required: ['serverSeq'],
  indexes: ['itemId', 'branchId', 'serverSeq', 'hlc'],
});

/** Version 0 of branches had no collaborators and unbounded user names; kept so the migration can be tested. */
export const BRANCHES_SCHEMA_V0 = rxSchemaFromZod<Omit<Branch, 'collaborators'>>(
  BranchSchema.omit({ collaborators: true }).extend({
    createdBy: z.string(),
    mergedBy: z.string().nullable().optional(),
  }),
  { version: 0, primaryKey: 'id' },
);

export const BRANCHES_SCHEMA = rxSchemaFromZod<Branch>(BranchSchema, {
  version: 1,
  primaryKey: 'id',
});

export const BRANCHES_MIGRATIONS: MigrationStrategies = {
  // v0 → v1: collaborators are optional (the next pull of the branch fills them in).
  1: (old: Branch): Branch => old,
};

export const NAMESPACES_SCHEMA = rxSchemaFromZod<Namespace>(NamespaceSchema, {
  version: 0,
  primaryKey: 'path',
});

/** Version 0 of the queue had no lane, position, nextAttemptAt or title; kept so the migration can be tested. */
export const QUEUE_SCHEMA_V0 = rxSchemaFromZod<
  Omit<QueueEntry, 'lane' | 'position' | 'nextAttemptAt' | 'title'>
>(QueueEntrySchema.omit({ lane: true, position: true, nextAttemptAt: true, title: true }), {
  version: 0,
  primaryKey: 'id',
});

export const QUEUE_SCHEMA = rxSchemaFromZod<QueueEntry>(QueueEntrySchema, {
  version: 1,
  primaryKey: 'id',
});

export const QUEUE_MIGRATIONS: MigrationStrategies = {
  // v0 → v1: merges keep their branch's lane; order is creation order; due now.
  1: (old: Record<string, unknown>): QueueEntry => upgradeQueueEntryV0(old),
};

/** Approval requests: local drafts and the server's copies (one row per request id). */
export const APPROVALS_SCHEMA = rxSchemaFromZod<LocalApproval>(LocalApprovalSchema, {
  version: 0,
  primaryKey: 'id',
});

/** What the server said about one op: its position, status and approval request. */
export const AckEntrySchema = z.object({
  id: OpSchema.shape.id,
  serverSeq: z.number().int().positive(),
  status: OpStatusSchema.optional(),
  approvalId: z.string().max(64).nullable(),
});
export type AckEntry = z.infer<typeof AckEntrySchema>;

/**
 * One acknowledged push batch: the server's fields for each of its ops, one
 * array per field, where index i of every array belongs to op `ids[i]`. A
 * thousand acks as four arrays of plain values cost a fraction of a thousand
 * objects to store, to clone and to tell other tabs about. (See ack-log.ts
 * for why acks are not written onto each op row at once.)
 */
export const AckRowSchema = z
  .object({
    id: z.string().min(1).max(128),
    ids: z.array(AckEntrySchema.shape.id).min(1),
    serverSeqs: z.array(AckEntrySchema.shape.serverSeq),
    statuses: z.array(OpStatusSchema.nullable()),
    approvalIds: z.array(AckEntrySchema.shape.approvalId),
    recordedAt: z.number().int().nonnegative(),
  })
  .refine(
    (row) =>
      [row.serverSeqs, row.statuses, row.approvalIds].every((column) => column.length === row.ids.length),
    'every column of an ack row holds one value per op id',
  );
export type AckRow = z.infer<typeof AckRowSchema>;

/** Version 0 kept an object per op; kept so the migration and salvage can read it. */
export const AckRowV0Schema = z.object({
  id: AckRowSchema.shape.id,
  acks: z.array(AckEntrySchema).min(1),
  recordedAt: AckRowSchema.shape.recordedAt,
});

export const ACKS_SCHEMA_V0 = rxSchemaFromZod<z.infer<typeof AckRowV0Schema>>(AckRowV0Schema, {
  version: 0,
  primaryKey: 'id',
});

export const ACKS_SCHEMA = rxSchemaFromZod<AckRow>(AckRowSchema, {
  version: 1,
  primaryKey: 'id',
});

export const ACKS_MIGRATIONS: MigrationStrategies = {
  // v0 → v1: one array per field instead of an object per op.
  1: (old: unknown): AckRow => upgradeAckRowV0(AckRowV0Schema.parse(old)),
};

/** A small local setting or state value (current branch, clock, preferences). */
export const MetaRowSchema = z.object({
  key: z.string().min(1).max(128),
  value: z.unknown(),
  updatedAt: z.number().int().nonnegative(),
});
export type MetaRow = z.infer<typeof MetaRowSchema>;

/**
 * One pulled page of a branch's history behind a heads-first start, kept as
 * the value of a meta row (history-pages.ts): the ops as one JSON text, with
 * their ids and items as the columns a directory is built from.
 */
export const HistoryPageSchema = z
  .object({
    branchId: z.string().min(1).max(64),
    opIds: z.array(OpSchema.shape.id),
    itemIds: z.array(OpSchema.shape.itemId),
    ops: z.string(),
  })
  .refine((page) => page.opIds.length === page.itemIds.length, 'a history page holds one item id per op id');
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** Version 0 of meta had no `updatedAt`; kept so the migration can be tested. */
export const META_SCHEMA_V0 = rxSchemaFromZod<Omit<MetaRow, 'updatedAt'>>(
  MetaRowSchema.omit({ updatedAt: true }),
  { version: 0, primaryKey: 'key' },
);

export const META_SCHEMA = rxSchemaFromZod<MetaRow>(MetaRowSchema, {
  version: 1,
  primaryKey: 'key',
});

export const META_MIGRATIONS: MigrationStrategies = {
  // v0 → v1: rows written before we tracked changes get "unknown time" (0).
  1: (old: Omit<MetaRow, 'updatedAt'>): MetaRow => ({ ...old, updatedAt: 0 }),
};

/**
 * Every collection the renderer opens. RxDB open source limits how many
 * collections one process opens, and tests and benches open two databases in
 * one process: two of eight collections each already exceed it (RxDB's
 * COL23). So adding one here is a design decision, not a detail.
 */
export const COLLECTIONS = {
  ops: { schema: OPS_SCHEMA },
  branches: { schema: BRANCHES_SCHEMA, migrationStrategies: BRANCHES_MIGRATIONS },
  namespaces: { schema: NAMESPACES_SCHEMA },
  queue: { schema: QUEUE_SCHEMA, migrationStrategies: QUEUE_MIGRATIONS },
  meta: { schema: META_SCHEMA, migrationStrategies: META_MIGRATIONS },
  approvals: { schema: APPROVALS_SCHEMA },
  acks: { schema: ACKS_SCHEMA, migrationStrategies: ACKS_MIGRATIONS },
} as const;
