import { useEffect, useState } from 'react';
import { reviewOf, type ItemReview, type LocalApproval } from '../../../src-shared/approvals/index.js';
import type { ApprovalDiffResponse, ApprovalStale } from '../../../src-shared/sync-protocol/index.js';
import { describeError } from '../../app/errors.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { useToasts } from '../../state/toast-slice.js';
import { DiffView } from './DiffView.js';
import { RequestItemsAndComments } from './MyRequests.js';
import { StateChip } from './StateChip.js';

interface Loaded {
  diff: ApprovalDiffResponse;
  stale: ApprovalStale | null;
}

/** One request under review: up-to-date diffs per item, staleness, approve / reject with a comment. */
export function RequestReview({ request }: { request: LocalApproval }) {
  const service = useApprovals((s) => s.service);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const changeSeq = request.server?.changeSeq;

  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    if (!service) return;
    let live = true;
    Promise.all([service.diff(request.id), service.detail(request.id)])
      .then(([diff, detail]) => {
        if (!live) return;
        setLoaded({ diff, stale: detail.request.stale ?? null });
        setError(null);
      })
      .catch((err: unknown) => live && setError(describeError(err, 'Could not load the request')));
    return () => {
      live = false;
    };
  }, [service, request.id, changeSeq, reloads]);

  const decide = async (decision: 'approve' | 'reject', itemIds?: string[]) => {
    if (!service) return;
    try {
      const text = comment.trim();
      await service.decide(request.id, {
        decision,
        ...(text ? { comment: text } : {}),
        ...(itemIds ? { itemIds } : {}),
      });
      setComment('');
      useToasts.getState().show({
        message: `${decision === 'approve' ? 'Approved' : 'Rejected'} “${request.title}”`,
        tone: 'success',
      });
      setReloads((n) => n + 1);
    } catch (err) {
      setError(describeError(err, `Could not ${decision}`));
    }
  };

  const open = request.state === 'submitted';
  return (
    <div className="appr-pane" data-testid="request-review">
      <div className="row-actions appr-review-head">
        <strong>{request.title}</strong> <StateChip state={request.state} testId="review-state" />
        <span className="spacer" />
        <span className="muted">
          by {request.author} · {request.server?.namespace} · revision {request.server?.revision}
        </span>
      </div>
      {request.description && <p>{request.description}</p>}
      {loaded?.stale && <StaleBanner stale={loaded.stale} />}
      {error && (
        <p className="dialog-error" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
      {loaded?.diff.items.map((item) => {
        const decided = request.server?.items.find((i) => i.itemId === item.itemId)?.decision ?? null;
        return (
          <ReviewItem
            key={item.itemId}
            review={reviewOf(item)}
            stale={item.stale}
            open={open}
            decided={decided}
            onDecide={(decision) => void decide(decision, [item.itemId])}
          />
        );
      })}
      <RequestItemsAndComments request={request} />
      {open && (
        <div className="appr-decide">
          <textarea
            rows={2}
            placeholder="Comment (sent to the author)"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="review-comment"
          />
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-danger"
              data-testid="review-reject"
              onClick={() => void decide('reject')}
            >
              Reject
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="review-approve"
              onClick={() => void decide('approve')}
            >
              Approve
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

interface ItemProps {
  review: ItemReview;
  stale: boolean;
  open: boolean;
  decided: string | null;
  onDecide: (decision: 'approve' | 'reject') => void;
}

/** One item: the diff as submitted, and today's version beside it when the item moved on. */
function ReviewItem({ review, stale, open, decided, onDecide }: ItemProps) {
  const { path } = review;
  return (
    <section className="appr-item" data-testid={`review-item-${path}`}>
      <header className="row-actions">
        <span className="mono">{path}</span>
        {stale && <span className="appr-chip appr-chip-failed">Moved on since</span>}
        {review.created && <span className="appr-chip">New item</span>}
        {review.deleted && <span className="appr-chip appr-chip-rejected">Deleted</span>}
        {review.included && open && (
          <span className="appr-chip appr-chip-approved" data-testid={`review-included-${path}`}>
            Already in today’s version
          </span>
        )}
        <span className="spacer" />
        {decided ? (
          <span className={`appr-decision appr-decision-${decided}`}>{decided}</span>
        ) : (
          open && (
            <>
              <button type="button" className="btn btn-small" onClick={() => onDecide('reject')}>
                Reject item
              </button>
              <button type="button" className="btn btn-small" onClick={() => onDecide('approve')}>
                Approve item
              </button>
            </>
          )
        )}
      </header>
      <div className={review.current ? 'appr-diff-pair' : undefined}>
        <div>
          <h4 className="appr-diff-title">As submitted</h4>
          <DiffView {...review.submitted} testId={`review-diff-${path}`} />
        </div>
        {review.current && (
          <div>
            <h4 className="appr-diff-title">Against today’s version</h4>
            <DiffView {...review.current} testId={`review-current-diff-${path}`} />
          </div>
        )}
      </div>
    </section>
  );
}

function StaleBanner({ stale }: { stale: ApprovalStale }) {
  return (
    <div className="appr-stale" role="status" data-testid="review-stale">
      {stale.items.length > 0 && (
        <p>
          Changed since submission: {stale.items.map((i) => i.path).join(', ')}. Beside the diff as submitted
          is the diff against today’s version; approving keeps both versions and leaves a conflict to resolve.
        </p>
      )}
      {stale.ownershipChanged && <p>The namespace’s owners changed since this was submitted.</p>}
    </div>
  );
}
