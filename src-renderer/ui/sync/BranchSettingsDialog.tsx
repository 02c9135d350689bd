import { useState } from 'react';
import { ArrowDownToLine, Eye } from 'lucide-react';
import type { Branch, MainPolicy } from '../../../src-shared/model/index.js';
import { describeError } from '../../app/errors.js';
import { useLastSyncedAt, useServerOnline, useSync } from '../../state/sync-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { Dialog } from '../common/Dialog.js';
import { useNow } from '../common/useNow.js';
import { absoluteTime, relativeTime } from '../format.js';
import { setMainPolicy, updateFromMain } from './sync-actions.js';
import { collaboratorsText, useBranchRights } from './branch-rights.js';
import { MAIN_POLICIES, POLICY_INFO, branchSyncedText } from './sync-text.js';

/** The four policies as radio cards; a choice is saved at once (no Save button to forget). */
function PolicyChoices({ branch, disabled }: { branch: Branch; disabled: boolean }) {
  const [pending, setPending] = useState<MainPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = pending ?? branch.mainPolicy;
  const choose = async (policy: MainPolicy) => {
    if (policy === branch.mainPolicy && !pending) return;
    setPending(policy);
    setError(null);
    try {
      await setMainPolicy(branch.id, policy);
    } catch (err) {
      setError(describeError(err, "Couldn't change how main reaches this branch"));
    } finally {
      setPending(null);
    }
  };
  return (
    <fieldset className="field policy-field" disabled={disabled}>
      <legend>When main changes</legend>
      <div className="policy-choices" role="radiogroup" aria-label="When main changes">
        {MAIN_POLICIES.map((policy) => (
          <label key={policy} className={`policy-choice${shown === policy ? ' is-checked' : ''}`}>
            <input
              type="radio"
              name="main-policy"
              value={policy}
              checked={shown === policy}
              data-testid={`branch-policy-${policy}`}
              data-autofocus={shown === policy ? '' : undefined}
              onChange={() => void choose(policy)}
            />
            <span className="policy-text">
              <span className="policy-label">{POLICY_INFO[policy].label}</span>
              <span className="policy-description">{POLICY_INFO[policy].description}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="dialog-error inline" role="alert" data-testid="dialog-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A branch's sync settings: last sync, how main reaches it, and "Update from main" now. */
export function BranchSettingsDialog({ branch, onClose }: { branch: Branch; onClose: () => void }) {
  const workspace = useWorkspace();
  const engine = useSync((s) => s.engine);
  const openDialog = useUi((s) => s.openDialog);
  const lastSyncedAt = useLastSyncedAt(branch.id);
  const online = useServerOnline();
  const now = useNow(15_000);
  const [updating, setUpdating] = useState(false);
  const rights = useBranchRights(branch);
  const update = async () => {
    setUpdating(true);
    await updateFromMain(workspace, branch.id);
    setUpdating(false);
  };
  return (
    <Dialog
      title={`Branch “${branch.name}”`}
      testId="dialog-branch-settings"
      onClose={onClose}
      size="medium"
      description={`Created by ${branch.createdBy} ${relativeTime(branch.createdAt, now)}${collaboratorsText(branch)}.`}
    >
      <div className="dialog-body">
        <p
          className="branch-synced"
          data-testid="branch-last-synced"
          title={lastSyncedAt == null ? undefined : absoluteTime(lastSyncedAt)}
        >
          {branchSyncedText(lastSyncedAt, true, (at) => relativeTime(at, now), online)}
        </p>
        {!engine && (
          <p className="field-hint" data-testid="branch-settings-offline">
            No sync server is connected: these settings apply once one is.
          </p>
        )}
        {rights.why && (
          <p className="field-hint branch-rights-hint" data-testid="branch-settings-rights">
            {rights.why}
          </p>
        )}
        <PolicyChoices branch={branch} disabled={!engine || !rights.mayChange} />
      </div>
      <footer className="dialog-footer">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="branch-preview-sync"
          disabled={!engine}
          onClick={() => openDialog({ kind: 'sync-preview', branchId: branch.id })}
        >
          <Eye size={14} aria-hidden /> Preview sync…
        </button>
        <span className="footer-spacer" />
        <button
          type="button"
          className="btn"
          data-testid="branch-update-from-main"
          disabled={!engine || updating}
          title="Bring main's changes into this branch now; items changed on both sides become conflicts"
          onClick={() => void update()}
        >
          <ArrowDownToLine size={14} aria-hidden /> {updating ? 'Updating…' : 'Update from main'}
        </button>
        <button type="button" className="btn btn-primary" onClick={onClose} data-testid="dialog-done">
          Done
        </button>
      </footer>
    </Dialog>
  );
}
