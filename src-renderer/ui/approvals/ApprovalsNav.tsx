import { ShieldCheck } from 'lucide-react';
import { useApprovals } from '../../state/approvals-slice.js';
import { useApprovalsUi } from './approvals-ui.js';

/** Sidebar entry "Approvals": how many requests wait for this user's review. */
export function ApprovalsNav() {
  const service = useApprovals((s) => s.service);
  const toReview = useApprovals(
    (s) => s.requests.filter((r) => r.state === 'submitted' && r.author !== s.service?.user).length,
  );
  const show = useApprovalsUi((s) => s.show);
  if (!service) return null;
  return (
    <div className="conflicts-nav">
      <button
        type="button"
        className={`btn btn-ghost btn-small${toReview ? ' has-conflicts' : ''}`}
        data-testid="open-approvals"
        onClick={() => show(toReview ? 'review' : 'mine')}
      >
        <ShieldCheck size={14} aria-hidden /> Approvals{toReview ? ` (${toReview} to review)` : ''}
      </button>
    </div>
  );
}
