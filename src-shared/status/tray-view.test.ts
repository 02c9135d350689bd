import { describe, expect, it } from 'vitest';
import { agoText, lastSyncedLine } from './tray-view.js';

describe('lastSyncedLine', () => {
  const min = 60_000;
  it('says never synced for work created offline, and ages otherwise', () => {
    expect(lastSyncedLine({ lastSyncedAt: null, state: 'offline' }, 0)).toBe(
      'Never synced (created offline)',
    );
    expect(lastSyncedLine({ lastSyncedAt: 0, state: 'synced' }, 5 * min)).toBe('Last synced: 5 minutes ago');
    expect(lastSyncedLine({ lastSyncedAt: 0, state: 'offline' }, 120 * min)).toBe(
      'Last synced: 2 hours ago (offline)',
    );
  });
  it('never says "created offline" while the server is reachable', () => {
    expect(lastSyncedLine({ lastSyncedAt: null, state: 'syncing' }, 0)).toBe('First sync running…');
    expect(lastSyncedLine({ lastSyncedAt: null, state: 'synced' }, 0)).toBe('Not synced yet');
    expect(lastSyncedLine({ lastSyncedAt: null, state: 'failed' }, 0)).toBe('Not synced yet');
  });
  it('words each range', () => {
    expect(agoText(0, 10_000)).toBe('just now');
    expect(agoText(0, min)).toBe('1 minute ago');
    expect(agoText(0, 3 * 24 * 60 * min)).toBe('3 days ago');
    expect(agoText(1000, 0)).toBe('just now'); // a clock behind never says "in -1 minutes"
  });
});
