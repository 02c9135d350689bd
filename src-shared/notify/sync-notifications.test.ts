import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../bridge/status.js';
import {
  BIG_BATCH,
  initialNotifyMemory,
  planNotifications,
  type NotifyInput,
  type NotifyMemory,
} from './sync-notifications.js';

const status = (over: Partial<AppStatus>): AppStatus => ({
  state: 'synced',
  message: 'Synced',
  serverConfigured: true,
  travelMode: false,
  unsyncedOps: 0,
  conflicts: 0,
  queueSize: 0,
  lastSyncedAt: null,
  ...over,
});

/** Runs a sequence of statuses and returns every notification body, in order. */
function run(statuses: Partial<AppStatus>[], memory: NotifyMemory = initialNotifyMemory) {
  const bodies: string[] = [];
  let m = memory;
  for (const s of statuses) {
    const input: NotifyInput = { status: status(s), branchesMergedElsewhere: [] };
    const out = planNotifications(m, input);
    m = out.memory;
    bodies.push(...out.notifications.map((n) => n.body));
  }
  return { bodies, memory: m };
}

describe('planNotifications', () => {
  it('says nothing while offline, then "Syncing 12 changes…" and "Sync complete. 3 conflicts" on return', () => {
    const { bodies } = run([
      { state: 'offline', message: 'Offline', unsyncedOps: 5 },
      { state: 'offline', message: 'Offline', unsyncedOps: 12 },
      { state: 'syncing', message: 'Syncing', unsyncedOps: 12 },
      { state: 'syncing', message: 'Syncing', unsyncedOps: 4 },
      { state: 'synced', message: 'Synced', conflicts: 3 },
    ]);
    expect(bodies).toEqual(['Syncing 12 changes…', 'Sync complete. 3 conflicts']);
  });

  it('keeps a single eager push quiet, but announces a big batch', () => {
    expect(run([{ state: 'syncing', unsyncedOps: 1 }, { state: 'synced' }]).bodies).toEqual([]);
    expect(run([{ state: 'syncing', unsyncedOps: BIG_BATCH }, { state: 'synced' }]).bodies).toEqual([
      `Syncing ${BIG_BATCH} changes…`,
      'Sync complete.',
    ]);
  });

  it('announces a failure once, with Retry and View details, and again only when it changes', () => {
    const first = planNotifications(initialNotifyMemory, {
      status: status({ state: 'failed', message: 'Sync failed: token revoked' }),
      branchesMergedElsewhere: [],
    });
    expect(first.notifications[0]?.actions.map((a) => a.id)).toEqual(['retry', 'details']);
    const { bodies } = run(
      [
        { state: 'failed', message: 'Sync failed: token revoked' },
        { state: 'failed', message: 'Sync failed: token revoked · 2 conflicts' },
        { state: 'failed', message: 'Sync failed: HTTP 500' },
      ],
      first.memory,
    );
    expect(bodies).toEqual(['Sync failed: HTTP 500']);
  });

  it('stays quiet while the manual strategy holds work, even after an offline spell', () => {
    const { bodies } = run([
      { state: 'offline', unsyncedOps: 20 },
      { state: 'syncing', message: '20 changes waiting until you choose Sync now', unsyncedOps: 20 },
    ]);
    expect(bodies).toEqual([]);
  });

  it('announces a branch merged elsewhere once', () => {
    const notice = { id: 'n1', branchName: 'feature-x', by: 'bob' };
    const input = { status: status({}), branchesMergedElsewhere: [notice] };
    const first = planNotifications(initialNotifyMemory, input);
    expect(first.notifications.map((n) => n.body)).toEqual([
      'Branch "feature-x" was merged elsewhere by bob.',
    ]);
    expect(planNotifications(first.memory, input).notifications).toEqual([]);
  });

  it('uses one key for progress and completion, so completion replaces "Syncing…"', () => {
    const a = planNotifications(
      { ...initialNotifyMemory, wasOffline: true },
      {
        status: status({ state: 'syncing', unsyncedOps: 2 }),
        branchesMergedElsewhere: [],
      },
    );
    const b = planNotifications(a.memory, { status: status({}), branchesMergedElsewhere: [] });
    expect(a.notifications[0]?.key).toBe(b.notifications[0]?.key);
  });

  it('withdraws the sync notifications when travel mode turns on, once', () => {
    const syncing = planNotifications(initialNotifyMemory, {
      status: status({ state: 'syncing', unsyncedOps: BIG_BATCH }),
      branchesMergedElsewhere: [],
    });
    expect(syncing.withdraw).toEqual([]);
    const travel = { state: 'offline', message: 'Travel mode — sync paused', travelMode: true } as const;
    const on = planNotifications(syncing.memory, { status: status(travel), branchesMergedElsewhere: [] });
    expect(on.withdraw).toEqual(['sync-progress', 'sync-failed']);
    expect(on.notifications).toEqual([]);
    const still = planNotifications(on.memory, { status: status(travel), branchesMergedElsewhere: [] });
    expect(still.withdraw).toEqual([]);
  });
});
