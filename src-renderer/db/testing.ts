import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { MAIN_BRANCH, type Op } from '../../src-shared/model/index.js';
import { openTetherDb, type TetherDb } from './index.js';

/** Used by tests only: a database on fake-indexeddb with a name no other test uses. */
let counter = 0;
export function uniqueDbName(label: string): string {
  counter += 1;
  return `test-${label}-${Date.now().toString(36)}-${counter}`;
}

export function openTestDb(name: string): Promise<TetherDb> {
  return openTetherDb({ name, indexedDB, IDBKeyRange });
}

/** A valid op with overridable fields (tests only). */
export function sampleOp(overrides: Partial<Op> = {}): Op {
  return {
    id: 'op-00000001',
    itemId: 'item-0000001',
    branchId: MAIN_BRANCH,
    type: 'create',
    path: 'Acme.charge',
    kind: 'fn',
    content: 'return 1;',
    parents: [],
    author: 'ada',
    instanceId: 'inst-00000001',
    hlc: '0000000000001:0000:inst-00000001',
    ...overrides,
  };
}
