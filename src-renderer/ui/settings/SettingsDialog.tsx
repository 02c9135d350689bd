import { Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { setThemePreference } from '../../app/actions.js';
import { useUi, type ThemePreference } from '../../state/ui-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { Dialog } from '../common/Dialog.js';
import { OpenConnectionButton } from '../connection/OpenConnectionButton.js';
import { SyncStrategySettings } from './SyncStrategySettings.js';
import { FolderGitSettings } from '../git/FolderGitSettings.js';
import { ForgeTokenSettings } from '../links/ForgeTokenSettings.js';

const THEMES: { value: ThemePreference; label: string; icon: LucideIcon }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

function InfoRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>
        <code>{value}</code>
      </dd>
    </div>
  );
}

/** Appearance (saved in the workspace), who and where this instance is, and what version runs. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { workspace, info } = useServices();
  const theme = useUi((s) => s.theme);
  return (
    <Dialog title="Settings" testId="dialog-settings" onClose={onClose} size="medium">
      <div className="dialog-body settings">
        <section className="settings-section" aria-labelledby="settings-appearance">
          <h3 id="settings-appearance">Appearance</h3>
          <div className="theme-choices" role="radiogroup" aria-label="Theme">
            {THEMES.map(({ value, label, icon: Icon }) => (
              <label key={value} className={`theme-choice${theme === value ? ' is-checked' : ''}`}>
                <input
                  type="radio"
                  name="theme"
                  value={value}
                  checked={theme === value}
                  data-testid={`settings-theme-${value}`}
                  data-autofocus={theme === value ? '' : undefined}
                  onChange={() => void setThemePreference(workspace, value)}
                />
                <Icon size={16} aria-hidden />
                {label}
              </label>
            ))}
          </div>
          <p className="field-hint">System follows your operating system’s light or dark setting.</p>
        </section>
        <section className="settings-section" aria-labelledby="settings-identity">
          <h3 id="settings-identity">Identity</h3>
          <dl className="info-list">
            <InfoRow label="User name" value={info.userName} testId="settings-user-name" />
            <InfoRow label="Instance id" value={info.instanceId} testId="settings-instance-id" />
            <InfoRow label="Data folder" value={info.dataDir} testId="settings-data-dir" />
          </dl>
          <p className="field-hint">
            These come from the app’s start-up configuration and cannot be changed here.
          </p>
        </section>
        <section className="settings-section" aria-labelledby="settings-server">
          <h3 id="settings-server">Server</h3>
          <OpenConnectionButton />
          <p className="field-hint">
            Sync with your team’s server; without one, work stays on this computer.
          </p>
        </section>
        <section className="settings-section" aria-labelledby="settings-sync">
          <h3 id="settings-sync">Sync</h3>
          <SyncStrategySettings />
        </section>
        <section className="settings-section" aria-labelledby="settings-folder-git">
          <h3 id="settings-folder-git">Folder & Git</h3>
          <FolderGitSettings />
        </section>
        <section className="settings-section" aria-labelledby="settings-forges">
          <h3 id="settings-forges">Forges</h3>
          <ForgeTokenSettings />
        </section>
        <section className="settings-section" aria-labelledby="settings-about">
          <h3 id="settings-about">About</h3>
          <dl className="info-list">
            <InfoRow label="Version" value={`Tether ${info.version}`} testId="settings-version" />
            <InfoRow
              label="Running as"
              value={info.shell === 'electron' ? 'Desktop app' : 'Browser (headless host)'}
              testId="settings-shell"
            />
            <InfoRow label="Log folder" value={info.logsDir} testId="settings-logs-dir" />
          </dl>
          <p className="field-hint">
            {info.shell === 'electron'
              ? 'Errors are written to the log folder; Help → Open Logs shows it.'
              : 'Errors are written to the log folder on the computer running the Tether host.'}
          </p>
        </section>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn btn-primary" onClick={onClose} data-testid="dialog-done">
          Done
        </button>
      </footer>
    </Dialog>
  );
}
