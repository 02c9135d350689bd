import { gateLine } from '../../../src-shared/releases/index.js';
import type { Release } from '../../../src-shared/sync-protocol/index.js';
import { useReleases, useShownReleases, useReleasesOnline } from '../../state/releases-slice.js';
import { absoluteTime } from '../format.js';
import { AddChangeForm } from './AddChangeForm.js';
import { ChangeCard } from './ChangeCard.js';
import { ReleaseActions } from './ReleaseActions.js';
import { ReleaseStatusChip } from './ReleaseStatusChip.js';

/** One release: who made it, its gate, its changes with their proofs, and what can be done with it. */
export function ReleaseDetail({ id }: { id: string }) {
  const release = useShownReleases().find((r) => r.id === id);
  const online = useReleasesOnline();
  const user = useReleases((s) => s.user);
  const error = useReleases((s) => s.error);
  if (!release)
    return <p className="muted appr-pane">This release is not on the server (or not visible to you).</p>;
  const draft = release.status === 'draft';
  const mine = release.createdBy === user || release.collaborators.includes(user);
  const mayEdit = draft && mine && (online || release.queued === 'local only');
  return (
    <section className="appr-pane rel-detail" data-testid="release-detail" data-version={release.version}>
      <header className="rel-head">
        <h2 className="mono">{release.version}</h2>
        <ReleaseStatusChip release={release} />
        <span className="muted">{provenance(release)}</span>
      </header>
      {release.queued === 'local only' && (
        <p className="rel-readonly" role="status" data-testid="release-local-only">
          Local only: this draft is kept on this computer and sent to the server when it answers.
        </p>
      )}
      {release.yanked && (
        <p className="rel-yanked" data-testid="release-yank-reason">
          Yanked: {release.yankReason}
        </p>
      )}
      {draft && <Gate release={release} />}
      <ReleaseActions release={release} />
      {error && (
        <p className="dialog-error" role="alert" data-testid="release-error">
          {error}
        </p>
      )}
      <section className="appr-section" aria-label="Changes">
        <h3>Changes</h3>
        {release.changes.length === 0 && <p className="muted">No changes yet.</p>}
        <div className="rel-changes">
          {release.changes.map((change) => (
            <ChangeCard key={change.id} release={release} change={change} />
          ))}
        </div>
      </section>
      {mayEdit && <AddChangeForm release={release} />}
    </section>
  );
}

function provenance(release: Release): string {
  const drafted = `Drafted by ${release.createdBy} ${absoluteTime(release.createdAt)}`;
  if (release.status !== 'promoted') return drafted;
  return `${drafted} · promoted by ${release.promotedBy ?? '?'} ${absoluteTime(release.promotedAt ?? 0)}`;
}

/** "Ready for promotion: yes/no", and why not, one line per change short of proofs. */
function Gate({ release }: { release: Release }) {
  const { ready, reasons } = release.gate;
  return (
    <div
      className={`rel-gate rel-gate-${ready ? 'ready' : 'blocked'}`}
      role="status"
      data-testid="release-gate"
    >
      <strong>{ready ? 'Ready for promotion: yes' : 'Ready for promotion: no'}</strong>
      <span className="muted">
        {' '}
        (each change needs {release.requiredProofs} passing proof{release.requiredProofs === 1 ? '' : 's'})
      </span>
      {!ready && (
        <ul aria-label={gateLine(release.gate)}>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
