/** One changed file of a commit, told in items. */
export interface CommittedItem {
  status: 'A' | 'M' | 'D';
  /** The item path (`Acme.Billing.charge`), or the file name for a file that is no item. */
  label: string;
}

const VERB = { A: 'Added', M: 'Changed', D: 'Removed' } as const;
const LISTED = 50;

/** A subject that says how much changed, then one line per item (a long list is cut, with a count). */
export function commitMessage(items: readonly CommittedItem[]): string {
  const sorted = [...items].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const subject =
    sorted.length === 1 && sorted[0]
      ? `${VERB[sorted[0].status]} ${sorted[0].label}`
      : `Tether: ${sorted.length} items changed`;
  const lines = sorted.slice(0, LISTED).map((item) => `${VERB[item.status]} ${item.label}`);
  if (sorted.length > LISTED) lines.push(`… and ${sorted.length - LISTED} more`);
  return `${subject}\n\n${lines.join('\n')}\n`;
}
