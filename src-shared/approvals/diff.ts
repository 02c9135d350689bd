import { diffLines, LineCounter } from '../merge/line-diff.js';
import { LineTable, hashLine } from '../merge/line-table.js';
import { splitLines } from '../merge/lines.js';

/** One line of a unified diff as a reviewer reads it. */
export interface DiffRow {
  type: 'same' | 'added' | 'removed';
  text: string;
}

/** The lines turning `before` into `after`, with the merge's git-compatible line diff. */
export function diffText(before: string, after: string): DiffRow[] {
  const table = new LineTable();
  const a = splitLines(before);
  const b = splitLines(after);
  const ids = (lines: string[]) => Int32Array.from(lines, (line) => table.idOf(line, hashLine(line)));
  const idsA = ids(a);
  const idsB = ids(b);
  const hunks = diffLines(idsA, idsB, new LineCounter(table.size + 1));
  const rows: DiffRow[] = [];
  let i = 0;
  for (const hunk of hunks) {
    for (; i < hunk.i1; i++) rows.push({ type: 'same', text: a[i] as string });
    for (let k = 0; k < hunk.chg1; k++) rows.push({ type: 'removed', text: a[hunk.i1 + k] as string });
    for (let k = 0; k < hunk.chg2; k++) rows.push({ type: 'added', text: b[hunk.i2 + k] as string });
    i = hunk.i1 + hunk.chg1;
  }
  for (; i < a.length; i++) rows.push({ type: 'same', text: a[i] as string });
  // Lines keep their endings for the diff; a reader wants them without.
  return rows.map((row) => ({ ...row, text: row.text.replace(/\r?\n$/, '') }));
}

/** Counts of added and removed lines, for a one-line summary. */
export function diffStats(rows: readonly DiffRow[]): { added: number; removed: number } {
  return {
    added: rows.filter((r) => r.type === 'added').length,
    removed: rows.filter((r) => r.type === 'removed').length,
  };
}
