import type { LocalApproval } from '../../../src-shared/approvals/index.js';
import { plural } from '../../../src-shared/text/plural.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { useApprovalsUi } from './approvals-ui.js';
import { StateChip } from './StateChip.js';

/** The owner's side: every request in namespaces they own, open ones first. */
export function ReviewInbox() {
  const service = useApprovals((s) => s.service);
  const all = useApprovals((s) => s.requests);
  const requests = all
    .filter((r) => r.server && r.author !== service?.user)
    .sort((a, b) => Number(b.state === 'submitted') - Number(a.state === 'submitted'));
  const open = useApprovalsUi((s) => s.open);
  return (
    <div className="appr-pane" data-testid="review-inbox">
      {requests.length === 0 && <p className="muted">Nothing to review.</p>}
      {requests.map((request) => (
        <ReviewRow
          key={request.id}
          request={request}
          onOpen={() => open({ kind: 'review', requestId: request.id })}
        />
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
        {request.author} · {request.server?.namespace} · {plural(request.server?.items.length ?? 0, 'item')}
      </span>
    </button>
  );
}
