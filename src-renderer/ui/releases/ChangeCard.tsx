import { useState } from 'react';
import type { ProofFields } from '../../../src-shared/releases/index.js';
import type { Proof, ProofResult, Release, ReleaseChange } from '../../../src-shared/sync-protocol/index.js';
import { useReleases } from '../../state/releases-slice.js';
import { useRefLabel } from './AddChangeForm.js';

const TYPE_LABELS: Record<ReleaseChange['type'], string> = {
  approval_request: 'Approval request',
  merged_branch: 'Merged branch',
  item: 'Item',
};

/**
 * One change: what it is, its proofs (rc.1, rc.2 …, each by its author, who
 * alone may edit or delete it), "Add proof", and "Remove" for those who may
 * change the draft (not once someone proved it: their proofs stay).
 */
export function ChangeCard({
  release,
  change,
  mayEdit,
}: {
  release: Release;
  change: ReleaseChange;
  mayEdit: boolean;
}) {
  const [proving, setProving] = useState(false);
  const addProof = useReleases((s) => s.addProof);
  const edit = useReleases((s) => s.edit);
  const busy = useReleases((s) => s.busy);
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
        {mayEdit && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy || change.proofs.length > 0}
            title={
              change.proofs.length > 0
                ? 'It has proofs: they belong to their authors, so the change stays'
                : `Remove ${change.id} from ${release.version}`
            }
            data-testid={`release-change-remove-${change.id}`}
            onClick={() => void edit(release.id, { op: 'removeChange', changeId: change.id })}
          >
            Remove
          </button>
        )}
      </header>
      {change.proofs.length > 0 && (
        <ul className="rel-proofs" aria-label={`Proofs of ${change.id}`}>
          {change.proofs.map((proof) => (
            <ProofRow key={proof.id} release={release} changeId={change.id} proof={proof} />
          ))}
        </ul>
      )}
      {release.status === 'draft' &&
        (proving ? (
          <ProofForm
            changeId={change.id}
            onSave={(fields) => addProof(release.id, change.id, fields)}
            onDone={() => setProving(false)}
          />
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

/** One proof: rc, result, author, note and link; Edit and Delete for its author on a draft. */
function ProofRow({ release, changeId, proof }: { release: Release; changeId: string; proof: Proof }) {
  const user = useReleases((s) => s.user);
  const changeProof = useReleases((s) => s.changeProof);
  const busy = useReleases((s) => s.busy);
  const [editing, setEditing] = useState(false);
  const rc = proof.rc === 0 ? 'queued' : `rc.${proof.rc}`;
  const own = proof.author === user && release.status === 'draft';
  if (editing)
    return (
      <li>
        <ProofForm
          changeId={changeId}
          initial={proof}
          onSave={(fields) => changeProof(release.id, proof.id, fields)}
          onDone={() => setEditing(false)}
        />
      </li>
    );
  return (
    <li data-testid={`release-proof-${changeId}-${rc}`}>
      <span className="mono">{rc}</span>{' '}
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
      {own && (
        <span className="rel-proof-actions">
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            data-testid={`release-proof-edit-${changeId}-${rc}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            data-testid={`release-proof-delete-${changeId}-${rc}`}
            onClick={() => void changeProof(release.id, proof.id, null)}
          >
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

/** A proof: a passed (or failed) check, or a sign-off, with a note or a link (new, or one's own edited). */
function ProofForm({
  changeId,
  initial,
  onSave,
  onDone,
}: {
  changeId: string;
  initial?: ProofFields;
  onSave: (fields: ProofFields) => Promise<boolean>;
  onDone: () => void;
}) {
  const busy = useReleases((s) => s.busy);
  const [result, setResult] = useState<ProofResult>(initial?.result ?? 'passed');
  const [note, setNote] = useState(initial?.note ?? '');
  const [link, setLink] = useState(initial?.link ?? '');
  const linkOk = link.trim() === '' || isLink(link.trim());
  const submit = async () => {
    const ok = await onSave({
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
          {initial ? 'Save proof' : 'Add proof'}
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
