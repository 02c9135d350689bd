import type { RxDocumentData } from 'rxdb';
import { OpSchema, type Op } from '../../src-shared/model/index.js';
import { readRow, withoutUndefined } from './rows.js';
import { UNACKNOWLEDGED_SEQ, type OpDoc } from './schemas.js';

/** The stored form of an op: "not acknowledged" becomes the index sentinel. */
export function toOpDoc(op: Op): OpDoc {
  return withoutUndefined({ ...op, serverSeq: op.serverSeq ?? UNACKNOWLEDGED_SEQ });
}

/** An op as a new live row for a write straight to RxDB's storage (which fills in `_meta` and `_rev`). */
export function toStoredOpRow(op: Op): RxDocumentData<OpDoc> {
  return { ...toOpDoc(op), _deleted: false, _attachments: {} } as RxDocumentData<OpDoc>;
}

/** An op read back from the database, checked against the model. */
export function fromOpDoc(raw: unknown): Op {
  const row = raw as Partial<OpDoc> | null;
  if (row && row.serverSeq === UNACKNOWLEDGED_SEQ) {
    const { serverSeq: _unacknowledged, ...rest } = row;
    return readRow(OpSchema, 'ops', rest);
  }
  return readRow(OpSchema, 'ops', raw);
}
