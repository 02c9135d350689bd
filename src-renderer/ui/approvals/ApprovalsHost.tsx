import { X } from 'lucide-react';
import { useEffect } from 'react';
import { useApprovals } from '../../state/approvals-slice.js';
import { MyRequests } from './MyRequests.js';
import { OwnersDialog } from './OwnersDialog.js';
import { RequestComposer } from './RequestComposer.js';
import { RequestReview } from './RequestReview.js';
import { ReviewInbox } from './ReviewInbox.js';
import type { ApprovalsScreen } from './approvals-ui.js';
import { tabOf, useApprovalsUi } from './approvals-ui.js';
import '../conflicts/conflicts.css';
import './approvals.css';

const TITLES = { list: 'Approvals', review: 'Review request', compose: 'Approval request' } as const;

/**
 * The approvals screen, laid out and navigated as the conflicts screen is:
 * a bar with "← Back" on inner pages, a title and Close (Escape goes back,
 * then closes); the lists sit under tabs with their counts.
 */
export function ApprovalsHost() {
  const screen = useApprovalsUi((s) => s.screen);
  const show = useApprovalsUi((s) => s.show);
  const ownersFor = useApprovalsUi((s) => s.ownersFor);
  useEffect(() => {
    if (!screen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') show(screen.kind === 'list' ? null : tabOf(screen));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screen, show]);
  return (
    <>
      {ownersFor && <OwnersDialog path={ownersFor} />}
      {screen && (
        <div
          className="conflicts-screen"
          role="dialog"
          aria-modal="true"
          aria-label={TITLES[screen.kind]}
          data-testid="approvals-screen"
        >
          <div className="conflicts-bar">
            {screen.kind !== 'list' && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                data-testid="approvals-back"
                onClick={() => show(tabOf(screen))}
              >
                ← Back
              </button>
            )}
            <strong>{TITLES[screen.kind]}</strong>
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label="Close"
              data-testid="approvals-close"
              onClick={() => show(null)}
            >
              <X size={14} aria-hidden />
            </button>
          </div>
          <div className="conflicts-content">
            <ApprovalsContent screen={screen} />
          </div>
        </div>
      )}
    </>
  );
}

function ApprovalsContent({ screen }: { screen: ApprovalsScreen }) {
  const requests = useApprovals((s) => s.requests);
  const show = useApprovalsUi((s) => s.show);
  if (screen.kind === 'review') {
    const request = requests.find((r) => r.id === screen.requestId);
    return request ? (
      <RequestReview request={request} />
    ) : (
      <p className="muted appr-pane">Request not found.</p>
    );
  }
  if (screen.kind === 'compose') {
    const request = screen.requestId ? (requests.find((r) => r.id === screen.requestId) ?? null) : null;
    return <RequestComposer editing={request} onDone={() => show('mine')} />;
  }
  return (
    <section className="appr-screen">
      <ApprovalsTabs tab={screen.tab} />
      {screen.tab === 'mine' ? <MyRequests /> : <ReviewInbox />}
    </section>
  );
}

function ApprovalsTabs({ tab }: { tab: 'mine' | 'review' }) {
  const show = useApprovalsUi((s) => s.show);
  const user = useApprovals((s) => s.service?.user);
  // Two selectors returning numbers: a fresh object per render would re-render forever.
  const mine = useApprovals(
    (s) => s.requests.filter((r) => r.author === user && r.state !== 'approved').length,
  );
  const review = useApprovals(
    (s) => s.requests.filter((r) => r.state === 'submitted' && r.author !== user).length,
  );
  const counts = { mine, review };
  return (
    <div className="tabs" role="tablist">
      {(['mine', 'review'] as const).map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === t}
          data-testid={`approvals-tab-${t}`}
          onClick={() => show(t)}
        >
          {t === 'mine' ? 'My requests' : 'To review'} <span className="tab-count">{counts[t]}</span>
        </button>
      ))}
    </div>
  );
}
