import { useState } from 'react';
import type { LocalApproval } from '../../../src-shared/approvals/index.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { RequestReview } from './RequestReview.js';
import { StateChip } from './StateChip.js';

/** The owner's side: every request in namespaces they own, open ones first. */
export function ReviewInbox() {
  const service = useApprovals((s) => s.service);
  const all = useApprovals((s) => s.requests);
  const requests = all
    .filter((r) => r.server && r.author !== service?.user)
    .sort((a, b) => Number(b.state === 'submitted') - Number(a.state === 'submitted'));
  const [openId, setOpenId] = useState<string | null>(null);
  const open = requests.find((r) => r.id === openId) ?? null;
  if (open) return <RequestReview request={open} onBack={() => setOpenId(null)} />;
  return (
    <div className="appr-pane" data-testid="review-inbox">
      {requests.length === 0 && <p className="muted">Nothing to review.</p>}
      {requests.map((request) => (
        <ReviewRow key={request.id} request={request} onOpen={() => setOpenId(request.id)} />
      ))}
    </div>
  );
}

function ReviewRow({ request, onOpen }: { request: LocalApproval; onOpen: () => void }) {
  return (
    <button type="button" className="appr-row" data-testid={`review-${request.title}`} onClick={onOpen}>
      <StateChip state={request.state} />
      <strong>{request.title}</strong>
      <span className="muted">
        {request.author} · {request.server?.namespace} · {request.server?.items.length ?? 0} item(s)
      </span>
    </button>
  );
}
