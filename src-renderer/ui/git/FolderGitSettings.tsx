import './git.css';
import { useState } from 'react';
import { MirrorSettingsSchema, type MirrorSettings } from '../../../src-shared/bridge/git.js';
import { describeError } from '../../app/errors.js';
import { useMirror } from '../../mirror/mirror-wiring.js';
import { useServices } from '../../state/workspace-store.js';
import { GitActions } from './GitActions.js';

/**
 * Settings → Folder & Git, in the reference's two levels: the folder mirror
 * (auto-sync and its debounce), then git (auto-commit, interval, auto-push).
 * Edits are a draft until Save; main checks and keeps them.
 */
export function FolderGitSettings() {
  const { bridge, info } = useServices();
  const saved = useMirror((s) => s.settings);
  // Unedited, the draft is what main holds: settings that arrive after the dialog opened still show.
  const [edits, setDraft] = useState<MirrorSettings | null>(null);
  const draft = edits ?? saved;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!draft) return <p className="field-hint">Folder settings are not available.</p>;
  const set = (patch: Partial<MirrorSettings>) => setDraft({ ...draft, ...patch });
  const setGit = (patch: Partial<MirrorSettings['git']>) =>
    setDraft({ ...draft, git: { ...draft.git, ...patch } });

  const save = async () => {
    const parsed = MirrorSettingsSchema.safeParse({ ...draft, folder: draft.folder?.trim() || null });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Invalid setting');
    try {
      const next = await bridge.call('mirror.setSettings', parsed.data);
      useMirror.setState({ settings: next });
      setDraft(next);
      setError(null);
      setDone('Saved.');
    } catch (err) {
      setError(describeError(err, "Couldn't save the folder settings"));
    }
  };
  const pick = async () => {
    try {
      const { folder } = await bridge.call('mirror.pickFolder');
      if (folder) set({ folder });
    } catch (err) {
      setError(describeError(err, "Couldn't open the folder dialog"));
    }
  };

  return (
    <div className="folder-git-settings" data-testid="settings-folder-git">
      <label className="field">
        <span>Mirror folder</span>
        <span className="field-row">
          <input
            type="text"
            value={draft.folder ?? ''}
            placeholder="/home/you/tether-items"
            data-testid="settings-mirror-folder"
            onChange={(e) => set({ folder: e.target.value })}
          />
          {info.shell === 'electron' && (
            <button type="button" className="btn" onClick={() => void pick()}>
              Choose…
            </button>
          )}
        </span>
      </label>
      <p className="field-hint">
        One file per item of the current branch view, by namespace (Acme/Billing/charge.ts). Edits in the
        folder come back as changes.
      </p>
      <label className="check-row">
        <input
          type="checkbox"
          checked={draft.autoSync}
          data-testid="settings-mirror-autosync"
          onChange={(e) => set({ autoSync: e.target.checked })}
        />
        Keep the folder and the app in step automatically, after
        <input
          type="number"
          className="small-number"
          min={100}
          max={60000}
          value={draft.debounceMs}
          data-testid="settings-mirror-debounce"
          onChange={(e) => set({ debounceMs: Number(e.target.value) })}
        />
        ms of quiet
      </label>
      <label className="check-row">
        <input
          type="checkbox"
          checked={draft.git.enabled}
          data-testid="settings-git-enabled"
          onChange={(e) => setGit({ enabled: e.target.checked })}
        />
        Sync the folder with git
      </label>
      {draft.git.enabled && (
        <div className="git-settings">
          <label className="field">
            <span>Commit</span>
            <select
              value={draft.git.autoCommit}
              data-testid="settings-git-autocommit"
              onChange={(e) => setGit({ autoCommit: e.target.value as MirrorSettings['git']['autoCommit'] })}
            >
              <option value="settled">when edits have settled for</option>
              <option value="interval">every</option>
              <option value="off">only on Commit now</option>
            </select>
          </label>
          {draft.git.autoCommit !== 'off' && (
            <label className="check-row">
              <input
                type="number"
                className="small-number"
                min={1}
                max={1440}
                value={draft.git.commitMinutes}
                data-testid="settings-git-minutes"
                onChange={(e) => setGit({ commitMinutes: Number(e.target.value) })}
              />
              minutes
            </label>
          )}
          <label className="field">
            <span>Remote (origin)</span>
            <input
              type="text"
              value={draft.git.remoteUrl ?? ''}
              placeholder="https://example.com/team/items.git"
              data-testid="settings-git-remote"
              onChange={(e) => setGit({ remoteUrl: e.target.value.trim() || null })}
            />
          </label>
          <label className="check-row">
            <input
              type="checkbox"
              checked={draft.git.autoPush}
              data-testid="settings-git-autopush"
              onChange={(e) => setGit({ autoPush: e.target.checked })}
            />
            Push after each commit
          </label>
        </div>
      )}
      <div className="field-row">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="settings-mirror-save"
          onClick={() => void save()}
        >
          Save folder settings
        </button>
        {done && !error && <span className="field-hint">{done}</span>}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="settings-mirror-error">
          {error}
        </p>
      )}
      {saved?.git.enabled && saved.folder && <GitActions />}
    </div>
  );
}
