import { useMemo, useState } from 'react';
import { composedDiffs, type LocalApproval } from '../../../src-shared/approvals/index.js';
import type { Op } from '../../../src-shared/model/index.js';
import { plural } from '../../../src-shared/text/plural.js';
import { describeError } from '../../app/errors.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { DiffView } from './DiffView.js';

interface Props {
  /** Ops the user can put in the request (awaiting ones, plus those the edited request holds). */
  choices: Op[];
  /** Every local op by id: what the chosen ones were written on. */
  byId: ReadonlyMap<string, Op>;
  /** The request being edited or revised; null for a new one. */
  editing: LocalApproval | null;
  onDone: () => void;
}

/** Title, description and the changes a request holds; saves a draft or submits (queued). */
export function RequestForm({ choices, byId, editing, onDone }: Props) {
  const service = useApprovals((s) => s.service);
  const [title, setTitle] = useState(editing?.title ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [picked, setPicked] = useState<Set<string>>(
    () =>
      new Set(
        editing
          ? editing.opIds.filter((id) => choices.some((op) => op.id === id))
          : choices.map((op) => op.id),
      ),
  );
  const [error, setError] = useState<string | null>(null);
  const revising = editing?.state === 'rejected';
  const items = useMemo(
    () =>
      composedDiffs(
        choices.filter((op) => picked.has(op.id)),
        byId,
      ),
    [choices, picked, byId],
  );

  const save = async (andSubmit: boolean) => {
    if (!service) return;
    setError(null);
    const input = { title, description, opIds: choices.filter((op) => picked.has(op.id)).map((op) => op.id) };
    try {
      if (revising && editing) await service.revise(editing.id, input);
      else {
        const record = editing
          ? await service.updateDraft(editing.id, input)
          : await service.createDraft(input);
        if (andSubmit && record.state !== 'pending_submission') await service.submit(record.id);
      }
      onDone();
    } catch (err) {
      setError(describeError(err, 'Could not save the request'));
    }
  };

  return (
    <form className="appr-form" data-testid="approval-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="approval-title" />
      </label>
      <label>
        Description
        <textarea
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="approval-description"
        />
      </label>
      <div className="appr-choices">
        {choices.length === 0 && <p className="muted">No changes wait for approval.</p>}
        {choices.map((op) => (
          <label key={op.id} className="appr-choice" data-testid={`approval-op-${op.path}`}>
            <input
              type="checkbox"
              checked={picked.has(op.id)}
              onChange={(e) => {
                const next = new Set(picked);
                if (e.target.checked) next.add(op.id);
                else next.delete(op.id);
                setPicked(next);
              }}
            />
            <span className="mono">{op.path}</span> <span className="muted">{op.type}</span>
          </label>
        ))}
      </div>
      <section className="appr-section" data-testid="approval-form-diff">
        <h3>
          What will be submitted{' '}
          <span className="muted">
            ({plural(picked.size, 'change')} to {plural(items.length, 'item')})
          </span>
        </h3>
        {items.length === 0 && <p className="muted">Pick at least one change.</p>}
        {items.map((item) => (
          <section key={item.itemId} className="appr-item" data-testid={`approval-form-item-${item.path}`}>
            <header className="row-actions">
              <span className="mono">{item.path}</span>
              {item.created && <span className="appr-chip">New item</span>}
              {item.deleted && <span className="appr-chip appr-chip-rejected">Deleted</span>}
              <span className="spacer" />
            </header>
            <DiffView {...item.diff} testId={`approval-form-diff-${item.path}`} />
          </section>
        ))}
      </section>
      {error && (
        <p className="dialog-error" role="alert" data-testid="approval-form-error">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        {!revising && (
          <button
            type="button"
            className="btn"
            data-testid="approval-save-draft"
            onClick={() => void save(false)}
          >
            Save draft
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary"
          data-testid="approval-submit"
          onClick={() => void save(true)}
        >
          {revising ? 'Resubmit' : 'Submit'}
        </button>
      </div>
    </form>
  );
}
