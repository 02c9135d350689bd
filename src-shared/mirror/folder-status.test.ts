import { describe, expect, it } from 'vitest';
import { MirrorStatusSchema, type MirrorStatus } from '../bridge/git.js';
import { trayTooltip } from '../status/tray-view.js';
import {
  FOLDER_FAILED_KEY,
  mirrorStatusText,
  planFolderNotifications,
  trayFolderLine,
} from './folder-status.js';

type GitPart = Partial<MirrorStatus['git']>;
function status(over: Partial<Omit<MirrorStatus, 'git'>> = {}, git: GitPart = {}): MirrorStatus {
  return MirrorStatusSchema.parse({
    state: 'watching',
    folder: '/home/ada/items',
    error: null,
    notices: [],
    ...over,
    git: {
      enabled: true,
      busy: 'idle',
      remote: 'https://git.example/acme.git',
      ahead: 2,
      behind: 1,
      lastCommit: { sha: 'abc', subject: 'Changed Acme.charge', at: 1 },
      error: null,
      ...git,
    },
  });
}

describe('the folder and git in the tray', () => {
  it('says nothing without a folder', () => {
    expect(trayFolderLine(null)).toBeNull();
    expect(trayFolderLine(status({ state: 'off', folder: null }))).toBeNull();
  });

  it('watching, with commits ahead and behind the remote', () => {
    expect(trayFolderLine(status())).toBe('Folder watched · 2 ahead, 1 behind');
    expect(trayFolderLine(status({}, { remote: null }))).toBe('Folder watched · git, no remote');
    expect(trayFolderLine(status({}, { enabled: false }))).toBe('Folder watched');
  });

  it('exporting, importing and git at work', () => {
    expect(trayFolderLine(status({ state: 'exporting' }))).toBe('Writing files… · 2 ahead, 1 behind');
    expect(trayFolderLine(status({ state: 'importing' }, { enabled: false }))).toBe('Reading changes…');
    expect(trayFolderLine(status({}, { busy: 'pushing' }))).toBe('Folder watched · git pushing…');
  });

  it('failing, with the reason', () => {
    expect(trayFolderLine(status({ state: 'failing', error: 'The folder /x does not exist.' }))).toBe(
      'Folder failing: The folder /x does not exist.',
    );
    expect(trayFolderLine(status({}, { error: 'The remote could not be reached.' }))).toBe(
      'Folder watched · git failing: The remote could not be reached.',
    );
  });

  it('files not imported are counted', () => {
    const notices = [{ relPath: 'Acme/bad name.ts', message: 'Not imported: bad name.' }];
    expect(trayFolderLine(status({ notices }))).toBe('Folder watched · 1 not imported · 2 ahead, 1 behind');
  });

  it('release tags the remote holds on other commits are named (one) or counted (several)', () => {
    expect(trayFolderLine(status({}, { tagsRefused: ['Acme/v2.0.0'] }))).toBe(
      'Folder watched · tag Acme/v2.0.0 not pushed (taken on the remote) · 2 ahead, 1 behind',
    );
    expect(mirrorStatusText(status({}, { tagsRefused: ['Acme/v2.0.0', 'Beta/v2.0.0'] }))).toBe(
      'Folder watched · 2 release tags not pushed (taken on the remote) · 2 ahead, 1 behind' +
        ' · last commit “Changed Acme.charge”',
    );
  });

  it('is the last line of the tooltip, after the sync lines', () => {
    const app = {
      state: 'local-only' as const,
      message: 'Local only — no server configured',
      serverConfigured: false,
      travelMode: false,
      unsyncedOps: 0,
      conflicts: 0,
      queueSize: 1,
      lastSyncedAt: null,
    };
    expect(trayTooltip(app, 0, trayFolderLine(status()))).toBe(
      'Tether — Local only — no server configured\n1 queued\nFolder watched · 2 ahead, 1 behind',
    );
    expect(trayTooltip(app, 0)).toBe('Tether — Local only — no server configured\n1 queued');
  });

  it('the status bar chip says the same, with the last commit', () => {
    expect(mirrorStatusText(status())).toBe(
      'Folder watched · 2 ahead, 1 behind · last commit “Changed Acme.charge”',
    );
  });
});

describe('folder notifications', () => {
  it('a failure that needs the person is told once, and taken back when it clears', () => {
    const failing = status({}, { error: 'The remote asked for a sign-in.', errorRetryable: false });
    const first = planFolderNotifications(null, failing);
    expect(first.notifications).toEqual([
      expect.objectContaining({ key: FOLDER_FAILED_KEY, body: 'Git: The remote asked for a sign-in.' }),
    ]);
    const again = planFolderNotifications(first.lastFailure, failing);
    expect(again.notifications).toEqual([]);
    const cleared = planFolderNotifications(again.lastFailure, status());
    expect(cleared).toEqual({ lastFailure: null, notifications: [], withdraw: [FOLDER_FAILED_KEY] });
    expect(planFolderNotifications(null, status()).withdraw).toEqual([]);
  });

  it('a remote out of reach (tried again by itself) is a state, not a notification', () => {
    const away = status(
      {},
      { error: 'The remote could not be reached. Tether will try again.', errorRetryable: true },
    );
    expect(planFolderNotifications(null, away).notifications).toEqual([]);
  });

  it('the folder mirror stopping is told, and a new reason is told again', () => {
    const gone = planFolderNotifications(
      null,
      status({ state: 'failing', error: 'The folder /x does not exist.' }),
    );
    expect(gone.notifications[0]?.body).toBe('The folder mirror stopped: The folder /x does not exist.');
    const other = planFolderNotifications(
      gone.lastFailure,
      status({ state: 'failing', error: 'Permission denied.' }),
    );
    expect(other.notifications[0]?.body).toBe('The folder mirror stopped: Permission denied.');
  });
});
