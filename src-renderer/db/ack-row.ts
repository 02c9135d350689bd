import type { AckEntry, AckRow } from './schemas.js';

/** The row for one batch's acks, column by column (schemas.ts AckRowSchema). */
export function ackRowOf(id: string, entries: readonly AckEntry[], recordedAt: number): AckRow {
  const n = entries.length;
  const row: AckRow = {
    id,
    ids: new Array<string>(n),
    serverSeqs: new Array<number>(n),
    statuses: new Array<AckRow['statuses'][number]>(n),
    approvalIds: new Array<string | null>(n),
    recordedAt,
  };
  entries.forEach((entry, i) => {
    row.ids[i] = entry.id;
    row.serverSeqs[i] = entry.serverSeq;
    row.statuses[i] = entry.status ?? null;
    row.approvalIds[i] = entry.approvalId;
  });
  return row;
}

/** The row's acks, one entry per op, in the order they were recorded. */
export function ackEntriesOf(row: AckRow): AckEntry[] {
  return row.ids.map((id, i) => {
    const status = row.statuses[i];
    const entry: AckEntry = {
      id,
      serverSeq: row.serverSeqs[i] as number,
      approvalId: row.approvalIds[i] ?? null,
    };
    if (status) entry.status = status;
    return entry;
  });
}

/** Version 0 rows held one object per op. */
export function upgradeAckRowV0(old: { id: string; acks: readonly AckEntry[]; recordedAt: number }): AckRow {
  return ackRowOf(old.id, old.acks, old.recordedAt);
}
