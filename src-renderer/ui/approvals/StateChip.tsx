import type { LocalApprovalState } from '../../../src-shared/approvals/index.js';
import { STATE_LABELS } from '../../state/approvals-slice.js';

export function StateChip({ state, testId }: { state: LocalApprovalState; testId?: string }) {
  return (
    <span className={`appr-chip appr-chip-${state}`} data-testid={testId}>
      {STATE_LABELS[state]}
    </span>
  );
}
