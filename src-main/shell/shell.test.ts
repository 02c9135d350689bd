import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src-shared/bridge/status.js';
import { parseShellArgs } from './args.js';
import { isRendererUrl } from './renderer-url.js';
import { trayIconName, trayTooltip } from './tray-view.js';
import { DEFAULT_WINDOW_STATE, fitToDisplays, parseWindowState } from './window-state.js';

describe('parseShellArgs', () => {
  it('picks out --user and --data-dir among Electron and Chromium switches', () => {
    const argv = [
      '/opt/electron',
      '.',
      '--no-sandbox',
      '--user=zoe',
      '--data-dir',
      '/tmp/t',
      '--inspect=9229',
    ];
    expect(parseShellArgs(argv)).toEqual({ userName: 'zoe', dataDir: '/tmp/t' });
    expect(parseShellArgs(['/opt/electron', '--user='])).toEqual({ userName: undefined, dataDir: undefined });
  });
});

describe('isRendererUrl', () => {
  const index = 'file:///app/dist/renderer/index.html';
  it('accepts our page with any hash or query', () => {
    expect(isRendererUrl(index, index)).toBe(true);
    expect(isRendererUrl(`${index}#/branch/x?y=1`, index)).toBe(true);
  });
  it('refuses other files, other schemes and garbage', () => {
    expect(isRendererUrl('file:///etc/passwd', index)).toBe(false);
    expect(isRendererUrl('https://app/dist/renderer/index.html', index)).toBe(false);
    expect(isRendererUrl('file://evil/app/dist/renderer/index.html', index)).toBe(false);
    expect(isRendererUrl('not a url', index)).toBe(false);
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  it('falls back to defaults for a missing or damaged file', () => {
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": 10, "height": 10, "maximized": false}')).toEqual(DEFAULT_WINDOW_STATE);
    const saved = { x: 10, y: 20, width: 900, height: 700, maximized: true };
    expect(parseWindowState(JSON.stringify(saved))).toEqual(saved);
  });
  it('keeps a visible place, drops one on a display that is gone, and shrinks to fit', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(saved, [screen])).toEqual(saved);
    expect(fitToDisplays({ ...saved, x: 3000 }, [screen])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(fitToDisplays({ ...saved, width: 4000 }, [screen]).width).toBe(1920);
  });
});

describe('tray view', () => {
  const status: AppStatus = {
    state: 'synced',
    message: 'Synced',
    serverConfigured: true,
    travelMode: false,
    unsyncedOps: 0,
    conflicts: 0,
    queueSize: 2,
    lastSyncedAt: 1_000_000,
  };
  it('has an icon for every state, local-only sharing the neutral one', () => {
    expect(trayIconName('local-only')).toBe('offline');
    expect(trayIconName('failed')).toBe('failed');
  });
  it('shows the message, queue size and last sync', () => {
    expect(trayTooltip(status, 1_000_000 + 5 * 60_000)).toBe(
      'Tether — Synced\n2 queued · last sync 5 min ago',
    );
    expect(trayTooltip({ ...status, lastSyncedAt: null }, 0)).toContain('never synced');
    const local = {
      ...status,
      serverConfigured: false,
      queueSize: 0,
      message: 'Local only — no server configured',
    };
    expect(trayTooltip(local, 0)).toBe('Tether — Local only — no server configured');
  });
});
