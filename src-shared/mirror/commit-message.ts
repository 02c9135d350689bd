/** One changed file of a commit, told in items. */
export interface CommittedItem {
  status: 'A' | 'M' | 'D';
  /** The item path (`Acme.Billing.charge`), or the file name for a file that is no item. */
  label: string;
  /** False for a file that stands for no item (a README, a file with a name Tether cannot use). */
  isItem: boolean;
}

const VERB = { A: 'Added', M: 'Changed', D: 'Removed' } as const;
const LISTED = 50;

/** A subject that says how much changed, then one line per item (a long list is cut, with a count). */
export function commitMessage(changes: readonly CommittedItem[]): string {
  const sorted = [...changes].sort(
    (a, b) => Number(b.isItem) - Number(a.isItem) || (a.label < b.label ? -1 : 1),
  );
  const items = sorted.filter((c) => c.isItem).length;
  const others = sorted.length - items;
  const only = sorted.length === 1 ? sorted[0] : undefined;
  const subject = only
    ? `${VERB[only.status]} ${only.label}`
    : [items > 0 ? count(items, 'item') : '', others > 0 ? count(others, 'other file') : '']
        .filter(Boolean)
        .join(' and ')
        .replace(/^/, 'Tether: ') + ' changed';
  const lines = sorted.slice(0, LISTED).map((c) => `${VERB[c.status]} ${c.label}`);
  if (sorted.length > LISTED) lines.push(`… and ${sorted.length - LISTED} more`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
