import { describe, expect, it } from 'vitest';
import { AppStatusSchema } from '../bridge/status.js';
import {
  completeReport,
  emptyLocalStatus,
  initialConnectivity,
  reduceStatus,
  sameStatus,
  type Connectivity,
} from './reduce.js';

const online: Connectivity = { online: true, syncing: false, lastError: null };
const local = (over: Partial<typeof emptyLocalStatus> = {}) => ({ ...emptyLocalStatus, ...over });

describe('reduceStatus', () => {
  it('is local-only with the fixed message while no server is configured, whatever else holds', () => {
    const s = reduceStatus({ online: true, syncing: true, lastError: 'boom' }, true, false, local());
    expect(s.state).toBe('local-only');
    expect(s.message).toBe('Local only — no server configured');
    expect(s.serverConfigured).toBe(false);
    expect(AppStatusSchema.parse(s)).toEqual(s);
  });

  it('is offline in travel mode even when the network is up, and says why', () => {
    const s = reduceStatus(online, true, true, local({ unsyncedOps: 2 }));
    expect(s.state).toBe('offline');
    expect(s.message).toBe('Travel mode — sync paused — 2 changes waiting to sync');
    expect(s.travelMode).toBe(true);
  });

  it('is offline when the server cannot be reached, and an old failure does not show', () => {
    const s = reduceStatus({ online: false, syncing: false, lastError: 'timeout' }, false, true, local());
    expect(s).toMatchObject({ state: 'offline', message: 'Offline — changes are kept and will sync' });
    const waitingOps = reduceStatus(initialConnectivity, false, true, local({ unsyncedOps: 3 }));
    expect(waitingOps.message).toBe('Offline — 3 changes waiting to sync');
  });

  it("turns the renderer's sync phase into syncing or failed, main's own failure first", () => {
    expect(reduceStatus(online, false, true, local({ syncPhase: 'syncing' }))).toMatchObject({
      state: 'syncing',
      message: 'Syncing…',
    });
    const failed = reduceStatus(online, false, true, local({ syncPhase: 'failed', syncError: 'HTTP 500' }));
    expect(failed).toMatchObject({ state: 'failed', message: 'Sync failed: HTTP 500' });
    expect(AppStatusSchema.parse(failed)).toEqual(failed);
    expect(failed).not.toHaveProperty('syncPhase');
    const both = reduceStatus(
      { ...online, lastError: 'token revoked' },
      false,
      true,
      local({ syncPhase: 'failed', syncError: 'x' }),
    );
    expect(both.message).toBe('Sync failed: token revoked');
    // Offline beats a failed round: it could not be retried anyway.
    expect(reduceStatus(initialConnectivity, false, true, local({ syncPhase: 'failed' })).state).toBe(
      'offline',
    );
    // An idle phase with a stale error is not a failure.
    expect(reduceStatus(online, false, true, local({ syncError: 'old' })).state).toBe('synced');
  });

  it('fills in the sync fields a report leaves out', () => {
    const report = { unsyncedOps: 1, conflicts: 0, queueSize: 0, lastSyncedAt: null };
    expect(completeReport(report)).toEqual({ ...report, syncPhase: 'idle', syncError: null });
    expect(completeReport({ ...report, syncPhase: 'failed', syncError: 'e' }).syncError).toBe('e');
  });

  it('shows a failure over a running retry', () => {
    const s = reduceStatus(
      { online: true, syncing: true, lastError: 'server said 500' },
      false,
      true,
      local(),
    );
    expect(s).toMatchObject({ state: 'failed', message: 'Sync failed: server said 500' });
  });

  it('is syncing while a round runs or work is waiting, and synced when nothing is', () => {
    expect(reduceStatus({ ...online, syncing: true }, false, true, local()).state).toBe('syncing');
    expect(reduceStatus(online, false, true, local({ unsyncedOps: 1 })).message).toBe('Syncing 1 change…');
    expect(reduceStatus(online, false, true, local({ queueSize: 3 })).state).toBe('syncing');
    expect(reduceStatus(online, false, true, local())).toMatchObject({ state: 'synced', message: 'Synced' });
  });

  it('mentions conflicts in every state without changing the state', () => {
    const s = reduceStatus(online, false, true, local({ conflicts: 1 }));
    expect(s).toMatchObject({ state: 'synced', message: 'Synced · 1 conflict', conflicts: 1 });
    expect(reduceStatus(initialConnectivity, false, false, local({ conflicts: 2 })).message).toBe(
      'Local only — no server configured · 2 conflicts',
    );
  });

  it('carries the renderer report through unchanged', () => {
    const report = { unsyncedOps: 4, conflicts: 0, queueSize: 2, lastSyncedAt: 1_700_000_000_000 };
    expect(reduceStatus(initialConnectivity, false, true, completeReport(report))).toMatchObject(report);
  });
});

describe('sameStatus', () => {
  it('tells equal statuses from ones that differ in any shown field', () => {
    const a = reduceStatus(online, false, true, local());
    expect(sameStatus(a, { ...a })).toBe(true);
    expect(sameStatus(a, { ...a, queueSize: 1 })).toBe(false);
    expect(sameStatus(a, { ...a, lastSyncedAt: 5 })).toBe(false);
    expect(sameStatus(a, { ...a, message: 'x' })).toBe(false);
  });
});

describe('network signal', () => {
  it('is offline at once when the OS says there is no network, even if the server verdict is stale', () => {
    const s = reduceStatus({ ...online, networkUp: false }, false, true, local({ unsyncedOps: 2 }));
    expect(s).toMatchObject({
      state: 'offline',
      message: 'Offline (no network) — 2 changes waiting to sync',
    });
    expect(reduceStatus({ ...online, networkUp: true }, false, true, local()).state).toBe('synced');
  });
});

describe('sync strategy', () => {
  it('says when held work will go with the manual or periodic strategy, and nothing changes for eager', () => {
    const manual = reduceStatus({ ...online, strategy: 'manual' }, false, true, local({ unsyncedOps: 2 }));
    expect(manual.message).toBe('2 changes waiting until you choose Sync now');
    const periodic = reduceStatus(
      { ...online, strategy: 'periodic' },
      false,
      true,
      local({ unsyncedOps: 1 }),
    );
    expect(periodic.message).toBe('1 change waiting for the next periodic sync');
    const running = local({ unsyncedOps: 1, syncPhase: 'syncing' });
    expect(reduceStatus({ ...online, strategy: 'manual' }, false, true, running).message).toBe(
      'Syncing 1 change…',
    );
    expect(
      reduceStatus({ ...online, strategy: 'eager' }, false, true, local({ unsyncedOps: 1 })).message,
    ).toBe('Syncing 1 change…');
  });
});
