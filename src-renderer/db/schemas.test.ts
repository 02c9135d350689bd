import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BranchSchema, NamespaceSchema, OpSchema, QueueEntrySchema } from '../../src-shared/model/index.js';
import { toOpDoc } from './op-doc.js';
import {
  BRANCHES_SCHEMA,
  META_SCHEMA,
  MetaRowSchema,
  NAMESPACES_SCHEMA,
  OPS_SCHEMA,
  QUEUE_SCHEMA,
} from './schemas.js';
import { createTetherStorage } from './storage.js';
import { sampleOp, uniqueDbName } from './testing.js';

/** One valid model object per collection, with every optional field set. */
const cases: [string, RxJsonSchema<unknown>, z.ZodObject, Record<string, unknown>][] = [
  [
    'ops',
    OPS_SCHEMA as RxJsonSchema<unknown>,
    OpSchema,
    toOpDoc({ ...sampleOp(), status: 'pending', approvalId: 'appr-1', serverSeq: 12 }),
  ],
  [
    'branches',
    BRANCHES_SCHEMA as RxJsonSchema<unknown>,
    BranchSchema,
    {
      id: 'branch-0001',
      name: 'feature/x',
      state: 'merged',
      mainPolicy: 'follow',
      baseSeq: 4,
      baseHlc: 'h',
      baseInstanceId: 'inst-00000001',
      createdBy: 'ada',
      createdAt: 1,
      updatedAt: 2,
      mergedAt: 3,
      mergedBy: null,
    },
  ],
  [
    'namespaces',
    NAMESPACES_SCHEMA as RxJsonSchema<unknown>,
    NamespaceSchema,
    { path: 'Acme.Billing', owners: ['ada', 'bob'], updatedAt: 5 },
  ],
  [
    'queue',
    QUEUE_SCHEMA as RxJsonSchema<unknown>,
    QueueEntrySchema,
    {
      id: 'queue-00001',
      type: 'merge_branch',
      payload: { branchId: 'branch-0001', nested: [1, 'two', null] },
      createdAt: 1,
      status: 'failed',
      retryCount: 2,
      error: 'server said no',
      idempotencyKey: 'k-1',
      lane: 'branch:branch-0001',
      position: 1.5,
      nextAttemptAt: 0,
      title: 'Merge feature/x',
    },
  ],
  [
    'meta',
    META_SCHEMA as RxJsonSchema<unknown>,
    MetaRowSchema,
    { key: 'clock', value: { last: 'x' }, updatedAt: 9 },
  ],
];

/** A database whose storage validates every write against the RxDB JSON schema (ajv). */
async function validatingCollection(name: string, schema: RxJsonSchema<unknown>) {
  const db = await createRxDatabase({
    name: uniqueDbName(`schema-${name}`),
    storage: wrappedValidateAjvStorage({ storage: createTetherStorage({ indexedDB, IDBKeyRange }) }),
    multiInstance: false,
  });
  const collections = await db.addCollections({ rows: { schema } });
  return { db, rows: collections.rows };
}

describe('RxDB schemas derived from the zod model', () => {
  it.each(cases)(
    '%s: a valid model object round-trips through the schema',
    async (name, schema, model, value) => {
      const { db, rows } = await validatingCollection(name, schema);
      try {
        await rows.insert(value);
        const primary = value[schema.primaryKey as unknown as string] as string;
        const stored = (await rows.findOne(primary).exec())?.toJSON();
        expect(stored).toEqual(value);
        // Every model field is described, so nothing is stored untyped.
        expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(model.shape)));
      } finally {
        await db.close();
      }
    },
  );

  it('rejects a row the model rejects (the schema is not an empty shell)', async () => {
    const { db, rows } = await validatingCollection('ops-bad', OPS_SCHEMA as RxJsonSchema<unknown>);
    try {
      await expect(rows.insert({ ...toOpDoc(sampleOp()), kind: 'spreadsheet' })).rejects.toThrow();
      await expect(rows.insert({ ...toOpDoc(sampleOp()), serverSeq: -1 })).rejects.toThrow();
      expect(await rows.count().exec()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('indexes ops by item, branch, server order and HLC with required fields', () => {
    expect(OPS_SCHEMA.indexes).toEqual(['itemId', 'branchId', 'serverSeq', 'hlc']);
    expect(OPS_SCHEMA.required).toEqual(
      expect.arrayContaining(['id', 'itemId', 'branchId', 'serverSeq', 'hlc']),
    );
  });
});
