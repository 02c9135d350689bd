import { useState } from 'react';
import {
  conflictsLeft,
  conflictsLeftLabel,
  isReopened,
  needsPathChoice,
  openSession,
  resultOf,
  validateSession,
  withText,
  type ResolveSession,
} from '../../../src-shared/conflicts/index.js';
import { takingUnapprovedNote } from '../../../src-shared/approvals/index.js';
import { HeadsChangedError } from '../../workspace/conflicts.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { PendingMark } from '../approvals/PendingMark.js';
import { useToasts } from '../../state/toast-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { useConflictsUi, type ResolveTarget } from './conflicts-ui.js';
import { DeletionChoice, PathChoiceBar } from './ResolverChoices.js';
import { TextResolver } from './TextResolver.js';

interface ResolverProps {
  session: ResolveSession;
  target: ResolveTarget;
  path: string;
  notice?: string;
}

/** The three-way resolver: base, local and remote above, the result below, one conflict at a time. */
export function Resolver(props: ResolverProps) {
  const [session, setSession] = useState(props.session);
  const [notice, setNotice] = useState(props.notice ?? reopenedNotice(props.session));
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const save = useSave(props.target, session, setSession, setErrors, setNotice, setSaving);
  const left = session.text ? conflictsLeft(session.text) : session.deletion === 'undecided' ? 1 : 0;
  const blocking = validateSession(session);
  const viewer = useApprovals((s) => s.service?.user ?? null);
  const pendingNote = takingUnapprovedNote([...session.sides.local.ops, ...session.sides.remote.ops], viewer);
  return (
    <section className="resolver" data-testid="resolver" aria-label={`Resolve ${props.path}`}>
      <header className="resolver-head">
        <div>
          <h2 className="mono">{props.path}</h2>
          <span className="muted">
            {session.kind} · {session.sides.local.label}
            <PendingMark ops={session.sides.local.ops} testId="resolver-pending-local" /> ↔{' '}
            {session.sides.remote.label}
            <PendingMark ops={session.sides.remote.ops} testId="resolver-pending-remote" />
          </span>
        </div>
        <span className="spacer" />
        <span className={`conflicts-left${left ? ' has-left' : ''}`} data-testid="conflicts-left">
          {session.text
            ? conflictsLeftLabel(session.text)
            : session.deletion === 'undecided'
              ? '1 choice left'
              : 'No conflicts left'}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="resolver-save"
          disabled={left > 0 || session.deletion === 'undecided' || saving}
          title={left ? 'Resolve every conflict first' : 'Save the result'}
          onClick={() => void save()}
        >
          {props.target.kind === 'branch-merge' ? 'Use this result' : 'Save'}
        </button>
      </header>
      {pendingNote && (
        <div className="banner banner-warning" role="note" data-testid="resolver-pending-note">
          {pendingNote}
        </div>
      )}
      {notice && (
        <div className="banner banner-warning" role="status" data-testid="resolver-notice">
          {notice}
        </div>
      )}
      {(errors.length > 0 || (left === 0 && blocking.length > 0)) && (
        <div className="banner banner-danger" role="alert" data-testid="resolver-error">
          {(errors.length ? errors : blocking).map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      )}
      {needsPathChoice(session) && session.deletion !== 'accept-deletion' && (
        <PathChoiceBar session={session} onChange={setSession} />
      )}
      {session.text ? (
        <TextResolver
          session={session}
          model={session.text}
          onModel={(m) => {
            setErrors([]);
            setSession(withText(session, m));
          }}
        />
      ) : (
        <DeletionChoice session={session} onChange={setSession} />
      )}
    </section>
  );
}

function useSave(
  target: ResolveTarget,
  session: ResolveSession,
  setSession: (s: ResolveSession) => void,
  setErrors: (e: string[]) => void,
  setNotice: (n: string | null) => void,
  setSaving: (b: boolean) => void,
) {
  const { workspace } = useServices();
  const show = useConflictsUi((s) => s.show);
  const setMergeResolution = useConflictsUi((s) => s.setMergeResolution);
  return async () => {
    const problems = validateSession(session);
    if (problems.length) return setErrors(problems);
    const result = resultOf(session);
    if (target.kind === 'branch-merge') {
      setMergeResolution(session.itemId, result);
      return show({ kind: 'branch-merge', branchId: target.branchId });
    }
    setSaving(true);
    try {
      await workspace.conflicts.resolve(session.itemId, result, session.heads, target.branchId);
      useToasts
        .getState()
        .show({ tone: 'success', message: `Resolved ${result.path}`, testId: 'resolved-toast' });
      // Back to the inbox, unless the person closed the screen while the save was finishing.
      if (useConflictsUi.getState().screen?.kind === 'resolver') show({ kind: 'inbox', tab: 'open' });
    } catch (error) {
      if (error instanceof HeadsChangedError && error.item.conflict) {
        setSession(
          openSession({
            itemId: error.item.itemId,
            conflict: error.item.conflict,
            heads: error.item.heads,
            instanceId: workspace.conflicts.instanceId,
            seedLocal: result.deleted ? undefined : result.content,
          }),
        );
        setNotice(error.message);
        setErrors([]);
      } else {
        setErrors([error instanceof Error ? error.message : String(error)]);
      }
    } finally {
      setSaving(false);
    }
  };
}

/** Why a conflict the user already resolved is back, and what the resolver starts from. */
function reopenedNotice(session: ResolveSession): string | null {
  if (!isReopened(session.sides)) return null;
  return (
    `You resolved this before, and ${session.sides.remote.label} changed it again since. ` +
    'Your earlier result is the local side and the starting point: changes made on one side only are already in.'
  );
}
