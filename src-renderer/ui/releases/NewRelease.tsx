import { useState } from 'react';
import { isReleaseVersion, offerNextVersion } from '../../../src-shared/releases/index.js';
import { useReleases, useShownReleases, useReleasesOnline } from '../../state/releases-slice.js';

/** A new draft release: its version (semver, written 2.0.0). Changes are added on its page. */
export function NewRelease() {
  const namespace = useReleases((s) => s.namespace);
  const create = useReleases((s) => s.create);
  const busy = useReleases((s) => s.busy);
  const error = useReleases((s) => s.error);
  const online = useReleasesOnline();
  const mode = useReleases((s) => s.modeOf(s.namespace ?? ''));
  const used = useShownReleases()
    .map((r) => r.version)
    .join('\n');
  const [version, setVersion] = useState('');
  const valid = isReleaseVersion(version.trim());
  const hint =
    version.trim() === '' || valid ? null : 'Write a version like 1.2.3 or 2.0.0-rc.1 (no leading v)';
  return (
    <form
      className="appr-form"
      data-testid="release-new-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void create(version.trim());
      }}
    >
      <p className="muted">
        A draft release of <span className="mono">{namespace}</span>. A version is promoted once: whoever
        promotes it first has it.
      </p>
      <label>
        Version
        <input
          autoFocus
          value={version}
          placeholder="2.0.0"
          onChange={(e) => setVersion(e.target.value)}
          data-testid="release-version"
          aria-invalid={hint !== null}
        />
      </label>
      {hint && <p className="muted">{hint}</p>}
      {mode !== 'cloud' && (
        <p className="muted" data-testid="release-new-kept">
          {mode === 'local'
            ? 'Local mode: the draft stays on this computer and is never sent.'
            : 'Hybrid mode: the draft and its proofs stay on this computer until you promote it.'}
        </p>
      )}
      {mode === 'cloud' && !online && (
        <p className="muted" data-testid="release-new-offline">
          You are offline: the draft is kept on this computer and sent when the server answers.
        </p>
      )}
      {error && (
        <p className="dialog-error" role="alert" data-testid="release-new-error">
          {error}
        </p>
      )}
      {error && valid && used.split('\n').includes(version.trim()) && (
        <UseFree offered={offerNextVersion(version.trim(), used.split('\n'))} onUse={setVersion} />
      )}
      <div className="row-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!valid || busy}
          data-testid="release-create"
        >
          Create draft
        </button>
      </div>
    </form>
  );
}

/** The version offered instead of a used one, one click (or Enter) away. */
function UseFree({ offered, onUse }: { offered: string; onUse: (version: string) => void }) {
  return (
    <div className="row-actions rel-actions">
      <button type="button" className="btn" data-testid="release-use-offered" onClick={() => onUse(offered)}>
        Use {offered} instead
      </button>
    </div>
  );
}
