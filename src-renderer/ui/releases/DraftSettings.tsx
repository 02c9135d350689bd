import { X } from 'lucide-react';
import { useState } from 'react';
import type { Release } from '../../../src-shared/sync-protocol/index.js';
import { useReleases } from '../../state/releases-slice.js';

/**
 * The gate's setting (passing proofs each change needs) and who may change
 * the draft besides its creator. Creator and collaborators set the gate;
 * only the creator chooses collaborators (the server checks both).
 */
export function DraftSettings({ release, mayEdit }: { release: Release; mayEdit: boolean }) {
  const user = useReleases((s) => s.user);
  return (
    <section className="appr-section rel-settings" aria-label="Draft settings" data-testid="release-settings">
      <h3>Gate and collaborators</h3>
      <ProofsNeeded key={release.requiredProofs} release={release} mayEdit={mayEdit} />
      <Collaborators release={release} mayChoose={mayEdit && release.createdBy === user} />
    </section>
  );
}

function ProofsNeeded({ release, mayEdit }: { release: Release; mayEdit: boolean }) {
  const edit = useReleases((s) => s.edit);
  const busy = useReleases((s) => s.busy);
  const [count, setCount] = useState(String(release.requiredProofs));
  const value = Number(count);
  const valid = /^\d{1,2}$/.test(count) && value <= 20;
  const changed = valid && value !== release.requiredProofs;
  return (
    <form
      className="rel-setting"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) void edit(release.id, { op: 'requiredProofs', count: value });
      }}
    >
      <label className="rel-inline">
        Passing proofs each change needs
        <input
          className="rel-count"
          type="number"
          min={0}
          max={20}
          value={count}
          disabled={!mayEdit}
          aria-invalid={!valid}
          onChange={(e) => setCount(e.target.value)}
          data-testid="release-required-proofs"
        />
      </label>
      {mayEdit ? (
        <button
          type="submit"
          className="btn btn-small"
          disabled={busy || !changed}
          title={changed ? undefined : valid ? 'Unchanged' : 'A whole number from 0 to 20'}
          data-testid="release-required-proofs-save"
        >
          Save
        </button>
      ) : (
        <span className="muted">Set by {release.createdBy} and the collaborators</span>
      )}
    </form>
  );
}

function Collaborators({ release, mayChoose }: { release: Release; mayChoose: boolean }) {
  const edit = useReleases((s) => s.edit);
  const busy = useReleases((s) => s.busy);
  const [name, setName] = useState('');
  const wanted = name.trim();
  const already = wanted === release.createdBy || release.collaborators.includes(wanted);
  const setNames = (names: string[]) => edit(release.id, { op: 'collaborators', names });
  return (
    <div className="rel-collaborators" data-testid="release-collaborators">
      <span>Collaborators:</span>
      {release.collaborators.length === 0 && <span className="muted">none</span>}
      {release.collaborators.map((person) => (
        <span key={person} className="appr-chip rel-person" data-testid={`release-collaborator-${person}`}>
          {person}
          {mayChoose && (
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              aria-label={`Remove ${person}`}
              disabled={busy}
              data-testid={`release-collaborator-remove-${person}`}
              onClick={() => void setNames(release.collaborators.filter((p) => p !== person))}
            >
              <X size={12} aria-hidden />
            </button>
          )}
        </span>
      ))}
      {mayChoose ? (
        <form
          className="rel-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (wanted && !already)
              void setNames([...release.collaborators, wanted]).then((ok) => ok && setName(''));
          }}
        >
          <input
            value={name}
            placeholder="user name"
            aria-label="Add a collaborator"
            onChange={(e) => setName(e.target.value)}
            data-testid="release-collaborator-name"
          />
          <button
            type="submit"
            className="btn btn-small"
            disabled={busy || !wanted || already}
            title={already ? `${wanted} can already change this draft` : undefined}
            data-testid="release-collaborator-add"
          >
            Add
          </button>
        </form>
      ) : (
        <span className="muted">Only {release.createdBy} chooses who collaborates</span>
      )}
    </div>
  );
}
