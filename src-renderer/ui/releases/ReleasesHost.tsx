import { X } from 'lucide-react';
import { useEffect } from 'react';
import { useReleases, type ReleasesScreen, useReleasesOnline } from '../../state/releases-slice.js';
import { NewRelease } from './NewRelease.js';
import { ReleaseAsOf } from './ReleaseAsOf.js';
import { ReleaseDetail } from './ReleaseDetail.js';
import { ReleaseDiff } from './ReleaseDiff.js';
import { ReleaseList } from './ReleaseList.js';
import { useReleasesWiring } from './useReleasesWiring.js';
import '../conflicts/conflicts.css';
import '../approvals/approvals.css';
import './releases.css';

const TITLES: Record<ReleasesScreen['kind'], string> = {
  list: 'Releases',
  new: 'New release',
  release: 'Release',
  'as-of': 'As of release',
  diff: 'Compare releases',
};

/** The screen a release page goes back to ("← Back", Escape). */
function backOf(screen: ReleasesScreen): ReleasesScreen | null {
  if (screen.kind === 'as-of') return { kind: 'release', id: screen.id };
  return screen.kind === 'list' ? null : { kind: 'list' };
}

/**
 * The releases screen of one namespace, laid out like the approvals screen: a
 * bar with "← Back", the title and Close; Escape goes back, then closes.
 */
export function ReleasesHost() {
  useReleasesWiring();
  const namespace = useReleases((s) => s.namespace);
  const screen = useReleases((s) => s.screen);
  const show = useReleases((s) => s.show);
  const close = useReleases((s) => s.close);
  const online = useReleasesOnline();
  useEffect(() => {
    if (namespace === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const back = backOf(screen);
      if (back) show(back);
      else close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [namespace, screen, show, close]);
  if (namespace === null) return null;
  const back = backOf(screen);
  return (
    <div
      className="conflicts-screen"
      role="dialog"
      aria-modal="true"
      aria-label={`${TITLES[screen.kind]} of ${namespace}`}
      data-testid="releases-screen"
    >
      <div className="conflicts-bar">
        {back && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid="releases-back"
            onClick={() => show(back)}
          >
            ← Back
          </button>
        )}
        <strong>{TITLES[screen.kind]}</strong>
        <span className="muted mono">{namespace}</span>
        <span className="spacer" />
        {!online && (
          <span className="rel-offline" role="status" data-testid="releases-offline">
            Offline: what you do here waits in the sync queue and goes to the server when it answers
          </span>
        )}
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label="Close"
          data-testid="releases-close"
          onClick={close}
        >
          <X size={14} aria-hidden />
        </button>
      </div>
      <div className="conflicts-content">
        <ReleasesContent screen={screen} />
      </div>
    </div>
  );
}

function ReleasesContent({ screen }: { screen: ReleasesScreen }) {
  switch (screen.kind) {
    case 'new':
      return <NewRelease />;
    case 'release':
      return <ReleaseDetail id={screen.id} />;
    case 'as-of':
      return <ReleaseAsOf id={screen.id} />;
    case 'diff':
      return <ReleaseDiff fromId={screen.fromId} toId={screen.toId} />;
    default:
      return <ReleaseList />;
  }
}
