import { X } from 'lucide-react';
import { useEffect } from 'react';
import { MyRequests } from './MyRequests.js';
import { OwnersDialog } from './OwnersDialog.js';
import { ReviewInbox } from './ReviewInbox.js';
import { useApprovalsUi } from './approvals-ui.js';
import '../conflicts/conflicts.css';
import './approvals.css';

/** The approvals screen over the main window: "My requests" and "Review". */
export function ApprovalsHost() {
  const tab = useApprovalsUi((s) => s.tab);
  const show = useApprovalsUi((s) => s.show);
  const ownersFor = useApprovalsUi((s) => s.ownersFor);
  useEffect(() => {
    if (!tab) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && show(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab, show]);
  return (
    <>
      {ownersFor && <OwnersDialog path={ownersFor} />}
      {tab && (
        <div
          className="conflicts-screen"
          role="dialog"
          aria-modal="true"
          aria-label="Approvals"
          data-testid="approvals-screen"
        >
          <div className="conflicts-bar">
            <strong>Approvals</strong>
            <div className="appr-tabs" role="tablist">
              {(['mine', 'review'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  className={`btn btn-small${tab === t ? ' btn-primary' : ' btn-ghost'}`}
                  data-testid={`approvals-tab-${t}`}
                  onClick={() => show(t)}
                >
                  {t === 'mine' ? 'My requests' : 'Review'}
                </button>
              ))}
            </div>
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
          <div className="conflicts-content">{tab === 'mine' ? <MyRequests /> : <ReviewInbox />}</div>
        </div>
      )}
    </>
  );
}
