import type { RxCollection } from 'rxdb';
import { LocalApprovalSchema, type LocalApproval } from '../../src-shared/approvals/index.js';
import { listenToAnyWrite } from './changes.js';
import { checkInput } from './input.js';
import { readRow } from './rows.js';

/** Approval requests this machine knows: the user's drafts and requests, and those they review. */
export interface ApprovalStore {
  upsert(request: LocalApproval): Promise<void>;
  all(): Promise<LocalApproval[]>;
  get(id: string): Promise<LocalApproval | null>;
  remove(id: string): Promise<void>;
  changes(listener: () => void): () => void;
}

export function createApprovalStore(collection: RxCollection<LocalApproval>): ApprovalStore {
  const read = (raw: unknown): LocalApproval => readRow(LocalApprovalSchema, 'approvals', raw);
  return {
    upsert: async (request) => {
      const checked = checkInput(LocalApprovalSchema, request, 'approval request');
      // Nested optional fields must not reach IndexedDB as undefined keys.
      await collection.upsert(JSON.parse(JSON.stringify(checked)) as LocalApproval);
    },
    all: async () =>
      (await collection.find().exec())
        .map((doc) => read(doc.toJSON()))
        .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1)),
    get: async (id) => {
      const doc = await collection.findOne(id).exec();
      return doc ? read(doc.toJSON()) : null;
    },
    remove: async (id) => {
      await collection.findOne(id).remove();
    },
    changes: (listener) => listenToAnyWrite(collection, listener),
  };
}
