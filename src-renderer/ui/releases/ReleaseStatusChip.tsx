import type { Release } from '../../../src-shared/sync-protocol/index.js';
import { releaseStatus } from '../../state/releases-slice.js';

const LABELS = { draft: 'Draft', promoted: 'Promoted', yanked: 'Yanked' } as const;

/** Draft, Promoted or Yanked, as a chip. */
export function ReleaseStatusChip({ release }: { release: Release }) {
  const status = releaseStatus(release);
  return (
    <span className={`appr-chip rel-chip-${status}`} data-testid="release-status">
      {LABELS[status]}
    </span>
  );
}
