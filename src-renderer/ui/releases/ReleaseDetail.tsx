import { gateLine, type ListedRelease } from '../../../src-shared/releases/index.js';
import type { Release } from '../../../src-shared/sync-protocol/index.js';
import { useReleases, useShownReleases } from '../../state/releases-slice.js';
import { absoluteTime } from '../format.js';
import { AddChangeForm } from './AddChangeForm.js';
import { ChangeCard } from './ChangeCard.js';
import { DraftSettings } from './DraftSettings.js';
import { ReleaseActions } from './ReleaseActions.js';
import { ReleaseStatusChip } from './ReleaseStatusChip.js';

/** One release: who made it, its gate, its changes with their proofs, and what can be done with it. */
export function ReleaseDetail({ id }: { id: string }) {
  const release = useShownReleases().find((r) => r.id === id);
  const user = useReleases((s) => s.user);
  const error = useReleases((s) => s.error);
  if (!release)
    return <p className="muted appr-pane">This release is not on the server (or not visible to you).</p>;
  const draft = release.status === 'draft';
  const mine = release.createdBy === user || release.collaborators.includes(user);
  // Offline, edits of the server's drafts queue too: the queue sends them when it answers.
  const mayEdit = draft && mine;
  return (
    <section className="appr-pane rel-detail" data-testid="release-detail" data-version={release.version}>
      <header className="rel-head">
        <h2 className="mono">{release.version}</h2>
        <ReleaseStatusChip release={release} />
        <span className="muted">{provenance(release)}</span>
      </header>
      <KeptNotice release={release} />
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
      {draft && <DraftSettings release={release} mayEdit={mayEdit} />}
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
            <ChangeCard key={change.id} release={release} change={change} mayEdit={mayEdit} />
          ))}
        </div>
      </section>
      {mayEdit && <AddChangeForm release={release} />}
    </section>
  );
}

/** Where a release kept on this computer lives, and what sending it does. */
function KeptNotice({ release }: { release: ListedRelease }) {
  const share = useReleases((s) => s.share);
  const mode = useReleases((s) => s.modeOf(release.namespaces[0] ?? ''));
  const busy = useReleases((s) => s.busy);
  if (!release.kept) return null;
  const text =
    mode === 'local'
      ? 'Local mode: this release is kept on this computer and never sent to the server.'
      : mode === 'hybrid'
        ? 'Hybrid mode: this draft and its proofs stay on this computer; promoting it sends it to the server.'
        : 'Kept on this computer (made in local or hybrid mode); this namespace is now in cloud mode.';
  return (
    <div className="rel-readonly rel-setting" role="status" data-testid="release-kept">
      <span>{text}</span>
      {mode === 'cloud' && release.status === 'draft' && (
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          data-testid="release-share"
          onClick={() => void share(release.id)}
        >
          Send to the server
        </button>
      )}
    </div>
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
