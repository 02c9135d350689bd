import { isEditable, isRevisable, type LocalApproval } from '../../../src-shared/approvals/index.js';
import { plural } from '../../../src-shared/text/plural.js';
import { describeError } from '../../app/errors.js';
import { shownState, useApprovals } from '../../state/approvals-slice.js';
import { toastError } from '../../state/toast-slice.js';
import { useApprovalsUi } from './approvals-ui.js';
import { StateChip } from './StateChip.js';
import { useAwaitingOps } from './useAwaitingOps.js';

/** The author's side: changes awaiting approval, and every request with its state. */
export function MyRequests() {
  const { awaiting } = useAwaitingOps();
  const service = useApprovals((s) => s.service);
  const requests = useApprovals((s) => s.requests).filter((r) => r.author === service?.user);
  const open = useApprovalsUi((s) => s.open);
  return (
    <div className="appr-pane">
      <section className="appr-section" data-testid="awaiting-section">
        <h3>
          Changes awaiting approval <span className="muted">({awaiting.length})</span>
        </h3>
        {awaiting.map((op) => (
          <div key={op.id} className="appr-op mono" data-testid={`awaiting-${op.path}`}>
            {op.path} <span className="muted">{op.type}</span>
          </div>
        ))}
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            data-testid="approval-new"
            disabled={awaiting.length === 0}
            onClick={() => open({ kind: 'compose', requestId: null })}
          >
            New approval request…
          </button>
        </div>
      </section>
      <section className="appr-section">
        <h3>My requests</h3>
        {requests.length === 0 && <p className="muted">No requests yet.</p>}
        {requests.map((request) => (
          <MyRequestCard
            key={request.id}
            request={request}
            onEdit={() => open({ kind: 'compose', requestId: request.id })}
          />
        ))}
      </section>
    </div>
  );
}

function MyRequestCard({ request, onEdit }: { request: LocalApproval; onEdit: () => void }) {
  const service = useApprovals((s) => s.service);
  const entry = useApprovals((s) => s.submissions[request.id]);
  const state = shownState(request, entry);
  const run = (work: () => Promise<unknown>, what: string) =>
    void work().catch((err: unknown) => toastError(describeError(err, what)));
  const error = state === 'failed' ? (request.error ?? entry?.error) : null;
  return (
    <article className="appr-card" data-testid={`my-request-${request.title}`}>
      <header>
        <strong>{request.title}</strong> <StateChip state={state} testId="request-state" />
        <span className="muted">
          {' '}
          {request.server?.namespace ?? ''} · {plural(request.opIds.length, 'change')}
        </span>
      </header>
      {request.description && <p>{request.description}</p>}
      {error && <p className="dialog-error">{error}</p>}
      <RequestItemsAndComments request={request} />
      <div className="row-actions">
        {(isEditable(request) || isRevisable(request)) && (
          <button type="button" className="btn btn-small" data-testid="request-edit" onClick={onEdit}>
            {isRevisable(request) ? 'Revise…' : 'Edit…'}
          </button>
        )}
        {(state === 'draft' || state === 'failed') && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="request-submit"
            onClick={() => run(() => service!.submit(request.id), 'Could not submit')}
          >
            {state === 'failed' ? 'Retry' : 'Submit'}
          </button>
        )}
        {!request.server && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="request-discard"
            onClick={() => run(() => service!.discard(request.id), 'Could not discard')}
          >
            Discard
          </button>
        )}
      </div>
    </article>
  );
}

/** Each item's decision and the conversation, as the server last sent them. */
export function RequestItemsAndComments({ request }: { request: LocalApproval }) {
  const server = request.server;
  if (!server) return null;
  return (
    <>
      <ul className="appr-items">
        {server.items.map((item) => (
          <li key={item.itemId} className="mono">
            {item.path}{' '}
            <span className={`appr-decision appr-decision-${item.decision ?? 'open'}`}>
              {item.decision ? `${item.decision} by ${item.decidedBy ?? '?'}` : 'waiting'}
            </span>
          </li>
        ))}
      </ul>
      {server.comments.map((comment) => (
        <blockquote key={comment.id} className="appr-comment" data-testid="request-comment">
          <strong>{comment.author}:</strong> {comment.text}
        </blockquote>
      ))}
    </>
  );
}
