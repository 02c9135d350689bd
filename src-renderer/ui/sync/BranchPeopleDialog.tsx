import { useRef, useState, type FormEvent } from 'react';
import { Crown, UserMinus, UserPlus } from 'lucide-react';
import type { Branch } from '../../../src-shared/model/index.js';
import type { UpdateCollaboratorsRequest } from '../../../src-shared/sync-protocol/index.js';
import {
  addCollaboratorRequest,
  removeCollaboratorRequest,
  roleOn,
  type BranchRole,
} from '../../../src-shared/sync/branch-people.js';
import { describeError } from '../../app/errors.js';
import { useServerOnline, useSync } from '../../state/sync-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { Dialog } from '../common/Dialog.js';
import { useBranchRights } from './branch-rights.js';

/** Why the list is read-only, or null when the owner may change it now. */
function readOnlyNote(
  branch: Branch,
  role: BranchRole,
  why: string | null,
  canReach: boolean,
): string | null {
  if (role === 'collaborator') {
    return `${branch.createdBy} shared “${branch.name}” with you: you may change, merge or abandon it too. Only ${branch.createdBy} chooses who else may.`;
  }
  if (role === 'other') return why;
  if (!canReach) {
    return 'Sharing needs a connection to the server: you are offline, so this is the list as this computer last synced it.';
  }
  return null;
}

/**
 * Who works on a branch: its owner and the people it is shared with. The
 * owner shares it by user name and stops sharing it, online only (the
 * server decides who may change a branch); everyone else sees the list.
 */
export function BranchPeopleDialog({ branch, onClose }: { branch: Branch; onClose: () => void }) {
  const me = useServices().info.userName;
  const engine = useSync((s) => s.engine);
  const online = useServerOnline();
  const rights = useBranchRights(branch);
  const role = roleOn(branch, me);
  const canReach = engine !== null && online;
  const editable = role === 'owner' && canReach;
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const collaborators = branch.collaborators ?? [];
  const note = engine
    ? readOnlyNote(branch, role, rights.why, canReach)
    : 'No sync server is connected: a branch is shared through one.';

  const change = async (build: () => UpdateCollaboratorsRequest, failed: string, after?: () => void) => {
    setError(null);
    setBusy(true);
    try {
      if (!engine) throw new Error('No sync server is connected');
      await engine.changeCollaborators(branch.id, build());
      after?.();
    } catch (err) {
      setError(describeError(err, failed));
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    const typed = name.trim();
    void change(
      () => addCollaboratorRequest(branch, typed),
      `Could not share “${branch.name}” with ${typed}`,
      () => setName(''),
    );
  };
  const remove = (person: string) =>
    void change(
      () => removeCollaboratorRequest(branch, person),
      `Could not stop sharing “${branch.name}” with ${person}`,
    );

  return (
    <Dialog
      title={role === 'owner' ? `Share “${branch.name}”` : `Who works on “${branch.name}”`}
      testId="dialog-branch-people"
      onClose={onClose}
      size="medium"
      description="Everyone sees a branch and may edit its items (as their namespaces allow). Its owner, and the people the owner shares it with, may also change how main reaches it, merge it or abandon it."
    >
      <div className="dialog-body">
        {note && (
          <p className="field-hint branch-rights-hint" data-testid="people-note">
            {note}
          </p>
        )}
        <ul className="people-list" aria-label={`People on “${branch.name}”`} data-testid="people-list">
          <li className="people-row" data-testid={`people-row-${branch.createdBy}`}>
            <Crown size={14} aria-hidden className="people-icon" />
            <span className="people-name">{branch.createdBy}</span>
            <span className="people-role">owner{branch.createdBy === me ? ' (you)' : ''}</span>
          </li>
          {collaborators.map((person) => (
            <li key={person} className="people-row" data-testid={`people-row-${person}`}>
              <span className="people-icon" aria-hidden />
              <span className="people-name">{person}</span>
              <span className="people-role">shared with{person === me ? ' (you)' : ''}</span>
              {role === 'owner' && (
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  data-testid={`people-remove-${person}`}
                  aria-label={`Stop sharing “${branch.name}” with ${person}`}
                  disabled={!editable || busy}
                  onClick={() => remove(person)}
                >
                  <UserMinus size={13} aria-hidden /> Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        {collaborators.length === 0 && (
          <p className="field-hint" data-testid="people-none">
            Not shared with anyone yet.
          </p>
        )}
        {role === 'owner' && (
          <form className="people-add" onSubmit={add}>
            <label className="field">
              <span>Share with (a user name on this server)</span>
              <span className="people-add-row">
                <input
                  ref={inputRef}
                  type="text"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  disabled={!editable}
                  spellCheck={false}
                  autoComplete="off"
                  data-testid="people-add-input"
                  data-autofocus={editable ? '' : undefined}
                />
                <button
                  type="submit"
                  className="btn"
                  data-testid="people-add-submit"
                  disabled={!editable || busy || name.trim() === ''}
                >
                  <UserPlus size={14} aria-hidden /> {busy ? 'Sharing…' : 'Share'}
                </button>
              </span>
            </label>
          </form>
        )}
      </div>
      {error && (
        <p className="dialog-error" role="alert" data-testid="dialog-error">
          {error}
        </p>
      )}
      <footer className="dialog-footer">
        <button
          type="button"
          className="btn btn-primary"
          onClick={onClose}
          data-testid="dialog-done"
          data-autofocus={editable ? undefined : ''}
        >
          Done
        </button>
      </footer>
    </Dialog>
  );
}
