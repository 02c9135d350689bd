import { useState } from 'react';
import type { ProofResult, Release, ReleaseChange } from '../../../src-shared/sync-protocol/index.js';
import { useReleases } from '../../state/releases-slice.js';
import { useRefLabel } from './AddChangeForm.js';

const TYPE_LABELS: Record<ReleaseChange['type'], string> = {
  approval_request: 'Approval request',
  merged_branch: 'Merged branch',
  item: 'Item',
};

/** One change: what it is, its proofs (rc.1, rc.2 …, each by its author), and "Add proof". */
export function ChangeCard({ release, change }: { release: Release; change: ReleaseChange }) {
  const [proving, setProving] = useState(false);
  const refLabel = useRefLabel(change.type, change.ref);
  const passed = change.proofs.filter((p) => p.result === 'passed').length;
  return (
    <article className="appr-card rel-change" data-testid={`release-change-${change.id}`}>
      <header className="row-actions rel-change-head">
        <strong className="mono">{change.id}</strong>
        <span>{change.title}</span>
        <span className="appr-chip">{TYPE_LABELS[change.type]}</span>
        <span className="muted mono" title={change.ref}>
          {refLabel}
        </span>
        {change.assignee && <span className="muted">assigned to {change.assignee}</span>}
        <span className="spacer" />
        <span className={passed >= release.requiredProofs ? 'rel-proven' : 'muted'}>
          {passed >= release.requiredProofs ? 'Proven' : 'Not proven yet'}
        </span>
      </header>
      {change.proofs.length > 0 && (
        <ul className="rel-proofs" aria-label={`Proofs of ${change.id}`}>
          {change.proofs.map((proof) => (
            <li
              key={proof.id}
              data-testid={`release-proof-${change.id}-${proof.rc === 0 ? 'queued' : `rc.${proof.rc}`}`}
            >
              <span className="mono">{proof.rc === 0 ? 'queued' : `rc.${proof.rc}`}</span>{' '}
              <span className={`appr-chip rel-proof-${proof.result}`}>
                {proof.result === 'passed' ? 'Passed' : 'Failed'}
              </span>{' '}
              by {proof.author}
              {proof.note && <> — {proof.note}</>}
              {proof.link && (
                <>
                  {' '}
                  <a href={proof.link} target="_blank" rel="noreferrer">
                    {proof.link}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {release.status === 'draft' &&
        (proving ? (
          <ProofForm releaseId={release.id} changeId={change.id} onDone={() => setProving(false)} />
        ) : (
          <div className="row-actions">
            <button
              type="button"
              className="btn btn-small"
              data-testid={`release-prove-${change.id}`}
              onClick={() => setProving(true)}
            >
              Add proof
            </button>
          </div>
        ))}
    </article>
  );
}

/** A proof: a passed (or failed) check, or a sign-off, with a note or a link. */
function ProofForm({
  releaseId,
  changeId,
  onDone,
}: {
  releaseId: string;
  changeId: string;
  onDone: () => void;
}) {
  const addProof = useReleases((s) => s.addProof);
  const busy = useReleases((s) => s.busy);
  const [result, setResult] = useState<ProofResult>('passed');
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const linkOk = link.trim() === '' || isLink(link.trim());
  const submit = async () => {
    const ok = await addProof(releaseId, changeId, {
      result,
      note: note.trim(),
      link: link.trim() === '' ? null : link.trim(),
    });
    if (ok) onDone();
  };
  return (
    <form
      className="appr-form rel-proof-form"
      data-testid={`release-proof-form-${changeId}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (linkOk) void submit();
      }}
    >
      <fieldset className="rel-radios">
        <legend>Result</legend>
        {(['passed', 'failed'] as const).map((value) => (
          <label key={value} className="appr-choice">
            <input
              type="radio"
              name={`proof-result-${changeId}`}
              checked={result === value}
              onChange={() => setResult(value)}
              data-testid={`release-proof-${value}`}
            />
            {value === 'passed' ? 'Passed' : 'Failed'}
          </label>
        ))}
      </fieldset>
      <label>
        Note
        <textarea
          autoFocus
          rows={2}
          value={note}
          placeholder="What was checked, or your sign-off"
          onChange={(e) => setNote(e.target.value)}
          data-testid="release-proof-note"
        />
      </label>
      <label>
        Link
        <input
          value={link}
          placeholder="https://ci.example/run/42"
          onChange={(e) => setLink(e.target.value)}
          data-testid="release-proof-link"
          aria-invalid={!linkOk}
        />
      </label>
      {!linkOk && <p className="muted">A link is a full address, like https://ci.example/run/42</p>}
      <div className="row-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !linkOk}
          data-testid="release-proof-save"
        >
          Add proof
        </button>
      </div>
    </form>
  );
}

function isLink(text: string): boolean {
  try {
    return Boolean(new URL(text).host);
  } catch {
    return false;
  }
}
