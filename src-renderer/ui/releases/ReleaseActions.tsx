import { useState } from 'react';
import { offerNextVersion, type ListedRelease } from '../../../src-shared/releases/index.js';
import { changeInput, useReleases, useShownReleases, useReleasesOnline } from '../../state/releases-slice.js';
import { absoluteTime } from '../format.js';

/** Promote a draft; open, or yank, a promoted release; and the word when someone else won the version. */
export function ReleaseActions({ release }: { release: ListedRelease }) {
  const promote = useReleases((s) => s.promote);
  const show = useReleases((s) => s.show);
  const busy = useReleases((s) => s.busy);
  const online = useReleasesOnline();
  const mode = useReleases((s) => s.modeOf(release.namespaces[0] ?? ''));
  const [yanking, setYanking] = useState(false);
  // A kept draft is promoted here in local mode, and sent with its promotion otherwise.
  const here = release.kept !== null && mode === 'local';
  const sends = release.kept !== null && mode !== 'local';
  return (
    <>
      <LostRace releaseId={release.id} />
      <QueuedPromotion release={release} />
      <div className="row-actions rel-actions">
        {release.status === 'draft' && !release.queuedPromotion && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="release-promote"
            disabled={busy || !release.gate.ready}
            title={
              !release.gate.ready
                ? 'The gate is not open yet'
                : here
                  ? `Promote ${release.version} on this computer (local mode)`
                  : `Promote ${release.version} for everyone`
            }
            onClick={() => void promote(release.id)}
          >
            {sends ? `Promote ${release.version} and send it` : `Promote ${release.version}`}
          </button>
        )}
        {release.status === 'promoted' && (
          <button
            type="button"
            className="btn"
            data-testid="release-open-as-of"
            onClick={() => show({ kind: 'as-of', id: release.id })}
          >
            Open {release.namespaces.join(', ')} as of {release.version}
          </button>
        )}
        {release.status === 'promoted' && !release.yanked && !yanking && !release.kept && (
          <button
            type="button"
            className="btn"
            data-testid="release-yank"
            disabled={!online}
            onClick={() => setYanking(true)}
          >
            Yank…
          </button>
        )}
        <span className="spacer" />
      </div>
      {yanking && <YankForm release={release} onDone={() => setYanking(false)} />}
    </>
  );
}

/** Someone promoted this version first: who and when, and a new draft at the next free version. */
function LostRace({ releaseId }: { releaseId: string }) {
  const lost = useReleases((s) => (s.lost?.releaseId === releaseId ? s.lost : null));
  const draftOffered = useReleases((s) => s.draftOffered);
  const busy = useReleases((s) => s.busy);
  if (!lost) return null;
  return (
    <div className="rel-lost" role="alert" data-testid="release-lost">
      <p>
        {lost.promotedBy} promoted {lost.version} first, {absoluteTime(lost.promotedAt)}. A version is
        promoted once; nothing of yours is lost.
      </p>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="release-draft-offered"
        disabled={busy}
        onClick={() => void draftOffered()}
      >
        Draft {lost.offered} with these changes
      </button>
    </div>
  );
}

/** Yank: the release stays, marked withdrawn with a reason; its version stays used. */
function YankForm({ release, onDone }: { release: ListedRelease; onDone: () => void }) {
  const yank = useReleases((s) => s.yank);
  const busy = useReleases((s) => s.busy);
  const [reason, setReason] = useState('');
  return (
    <form
      className="appr-form"
      data-testid="release-yank-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) void yank(release.id, reason.trim()).then((ok) => ok && onDone());
      }}
    >
      <label>
        Why is {release.version} yanked?
        <textarea
          autoFocus
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="release-yank-reason-input"
        />
      </label>
      <p className="muted">The version stays used: the next release takes a new number.</p>
      <div className="row-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-danger"
          disabled={busy || !reason.trim()}
          data-testid="release-yank-save"
        >
          Yank {release.version}
        </button>
      </div>
    </form>
  );
}

/**
 * Writes made offline: a promotion waiting for the server, or a write the
 * server refused (someone promoted the version meanwhile: their name is in
 * the server's words), with a new draft at the free version one click away.
 * Nothing is lost either way: the refused entry stays in the queue view.
 */
function QueuedPromotion({ release }: { release: ListedRelease }) {
  const create = useReleases((s) => s.create);
  const versions = useShownReleases().map((r) => r.version);
  if (release.sendError) {
    const offered = offerNextVersion(release.version, versions);
    return (
      <div className="rel-lost" role="alert" data-testid="release-send-failed">
        <p>What you did offline did not go through: {release.sendError}</p>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="release-draft-offered"
          onClick={() => void create(offered, release.changes.map(changeInput))}
        >
          Draft {offered} with these changes
        </button>
      </div>
    );
  }
  if (!release.queuedPromotion) return null;
  return (
    <p className="rel-readonly" role="status" data-testid="release-promotion-queued">
      Promotion of {release.version} queued: it goes to the server when it answers.
    </p>
  );
}
