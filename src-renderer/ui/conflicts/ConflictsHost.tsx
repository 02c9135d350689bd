import { X } from 'lucide-react';
import { useEffect } from 'react';
import { BranchMerge } from './BranchMerge.js';
import { ConflictInbox } from './ConflictInbox.js';
import { useConflictsUi } from './conflicts-ui.js';
import { Resolver } from './Resolver.js';
import './conflicts.css';

/** The conflicts screen over the main window: inbox, resolver or branch-merge preview. */
export function ConflictsHost() {
  const screen = useConflictsUi((s) => s.screen);
  const show = useConflictsUi((s) => s.show);
  useEffect(() => {
    if (!screen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target as HTMLElement).closest?.('[aria-pressed="true"].drag-handle')) {
        show(screen.kind === 'resolver' ? { kind: 'inbox', tab: 'open' } : null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screen, show]);
  if (!screen) return null;
  const title =
    screen.kind === 'inbox' ? 'Conflicts' : screen.kind === 'resolver' ? 'Resolve conflict' : 'Merge branch';
  return (
    <div className="conflicts-screen" role="dialog" aria-modal="true" aria-label={title}>
      <div className="conflicts-bar">
        {screen.kind === 'resolver' && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid="conflicts-back"
            onClick={() =>
              show(
                screen.kind === 'resolver' && screen.target.kind === 'branch-merge'
                  ? { kind: 'branch-merge', branchId: screen.target.branchId }
                  : { kind: 'inbox', tab: 'open' },
              )
            }
          >
            ← Back
          </button>
        )}
        <strong>{title}</strong>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label="Close"
          data-testid="conflicts-close"
          onClick={() => show(null)}
        >
          <X size={14} aria-hidden />
        </button>
      </div>
      <div className="conflicts-content">
        {screen.kind === 'inbox' && <ConflictInbox tab={screen.tab} />}
        {screen.kind === 'resolver' && (
          <Resolver
            key={screen.session.heads.join(',') + screen.session.itemId}
            session={screen.session}
            target={screen.target}
            path={screen.path}
            notice={screen.notice}
          />
        )}
        {screen.kind === 'branch-merge' && <BranchMerge branchId={screen.branchId} />}
      </div>
    </div>
  );
}
