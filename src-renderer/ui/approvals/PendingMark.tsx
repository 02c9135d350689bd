import { ShieldAlert } from 'lucide-react';
import { isUnapproved, NOT_APPROVED_MARK } from '../../../src-shared/approvals/index.js';
import type { Op } from '../../../src-shared/model/index.js';

/**
 * "Not approved yet" beside a version that waits for an owner's approval
 * (resolver panes, conflict inbox, editor, history); nothing otherwise.
 */
export function PendingMark({
  ops,
  testId = 'pending-mark',
}: {
  ops: readonly Pick<Op, 'status'>[];
  testId?: string;
}) {
  if (!ops.some(isUnapproved)) return null;
  return (
    <span
      className="pending-mark"
      data-testid={testId}
      title="Only its author and the namespace's owners see this version until an owner approves it"
    >
      <ShieldAlert size={12} aria-hidden /> {NOT_APPROVED_MARK}
    </span>
  );
}
