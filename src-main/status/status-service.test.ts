import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../src-shared/bridge/status.js';
import { createStatusService } from './status-service.js';

const report = { unsyncedOps: 2, conflicts: 0, queueSize: 1, lastSyncedAt: null };

describe('createStatusService', () => {
  it('starts local-only with no server, and tells listeners only about real changes', () => {
    const status = createStatusService();
    const heard: AppStatus[] = [];
    status.onChange((s) => heard.push(s));
    expect(status.get()).toMatchObject({ state: 'local-only', message: 'Local only — no server configured' });
    status.report(report);
    status.report({ ...report });
    status.setConnectivity({ online: true }); // no server: nothing a user sees changes
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject(report);
  });

  it('re-reduces on every input: server, connectivity, travel mode', () => {
    const status = createStatusService({ serverConfigured: true });
    expect(status.get().state).toBe('offline');
    status.setConnectivity({ online: true });
    expect(status.get().state).toBe('synced');
    status.setConnectivity({ lastError: 'HTTP 503' });
    expect(status.get()).toMatchObject({ state: 'failed', message: 'Sync failed: HTTP 503' });
    status.setTravelMode(true);
    expect(status.get()).toMatchObject({ state: 'offline', travelMode: true });
    status.setServerConfigured(false);
    expect(status.get().state).toBe('local-only');
  });

  it('stops telling a listener after it unsubscribes', () => {
    const status = createStatusService();
    let calls = 0;
    const off = status.onChange(() => calls++);
    status.report(report);
    off();
    status.report({ ...report, queueSize: 9 });
    expect(calls).toBe(1);
  });
});
