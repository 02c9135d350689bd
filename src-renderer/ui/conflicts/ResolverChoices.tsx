import { useState } from 'react';
import {
  chooseDeletion,
  choosePath,
  keptSide,
  type ConflictSide,
  type ResolveSession,
} from '../../../src-shared/conflicts/index.js';

/** Rename conflicts: one side's path, or another one typed in. */
export function PathChoiceBar({
  session,
  onChange,
}: {
  session: ResolveSession;
  onChange: (s: ResolveSession) => void;
}) {
  const p = session.path;
  const [typed, setTyped] = useState('typed' in p ? p.typed : '');
  const sides = (['local', 'remote'] as const).map((side) => ({
    side,
    path: session.sides[side].snapshot.path,
    label: session.sides[side].label,
  }));
  return (
    <fieldset className="path-choice" data-testid="path-choice">
      <legend>The sides moved it to different paths — keep which?</legend>
      {sides.map((s) => (
        <label key={s.side}>
          <input
            type="radio"
            name="path"
            data-testid={`rename-choice-${s.side}`}
            checked={'side' in p && p.side === s.side}
            onChange={() => onChange(choosePath(session, { side: s.side }))}
          />
          <span className="mono">{s.path}</span> <span className="muted">({s.label})</span>
        </label>
      ))}
      <label>
        <input
          type="radio"
          name="path"
          data-testid="rename-choice-typed"
          checked={'typed' in p}
          onChange={() => onChange(choosePath(session, { typed }))}
        />
        Another path:{' '}
        <input
          className="mono"
          value={typed}
          data-testid="rename-typed"
          placeholder="Namespace.name"
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(choosePath(session, { typed: e.target.value }));
          }}
        />
      </label>
    </fieldset>
  );
}

/** Edit/delete: bring the item back with the edited version, or let the deletion stand. */
export function DeletionChoice({
  session,
  onChange,
}: {
  session: ResolveSession;
  onChange: (s: ResolveSession) => void;
}) {
  const kept = session.sides[keptSide(session)];
  const deleter = session.sides[keptSide(session) === 'local' ? 'remote' : 'local'];
  return (
    <div className="deletion-choice" data-testid="deletion-choice">
      <p>
        <strong>{who(deleter)}</strong> deleted this item; <strong>{who(kept)}</strong> changed it. Nothing is
        lost either way — both versions stay in History.
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="btn"
          aria-pressed={session.deletion === 'restore'}
          data-testid="restore-mine"
          onClick={() => onChange(chooseDeletion(session, 'restore'))}
        >
          Restore with {kept.mine ? 'my' : `${kept.label}'s`} version
        </button>
        <button
          type="button"
          className="btn btn-ghost-danger"
          aria-pressed={session.deletion === 'accept-deletion'}
          data-testid="accept-deletion"
          onClick={() => onChange(chooseDeletion(session, 'accept-deletion'))}
        >
          Accept deletion
        </button>
      </div>
      <h4 className="kept-title">
        {kept.mine ? 'Your version' : `${kept.label}'s version`} — what restoring brings back
      </h4>
      <pre className="kept-preview" aria-label="The kept version">
        {kept.snapshot.content.split('\n').slice(0, 200).join('\n')}
      </pre>
    </div>
  );
}

/** "You (this machine)" for a side made here, else its author(s). */
function who(side: ConflictSide): string {
  return side.mine ? 'You (this machine)' : side.label;
}
