import { describe, expect, it } from 'vitest';
import type { SyncEngineState } from '../sync/types.js';
import { syncReportFields } from './sync-wiring.js';

const state = (over: Partial<SyncEngineState> = {}): SyncEngineState => ({
  progress: { phase: 'idle', branchId: null, done: 0, total: null },
  lastSummary: null,
  lastSyncedAt: { main: 100, b1: 200 },
  notices: [],
  error: null,
  historyComplete: true,
  ...over,
});

describe('syncReportFields', () => {
  it('reports nothing synced and idle while no engine runs', () => {
    expect(syncReportFields(null, 'main')).toEqual({
      lastSyncedAt: null,
      syncPhase: 'idle',
      syncError: null,
    });
  });
  it("gives the current branch's last sync, and null for a branch never synced", () => {
    expect(syncReportFields(state(), 'b1').lastSyncedAt).toBe(200);
    expect(syncReportFields(state(), 'b2').lastSyncedAt).toBeNull();
  });
  it('is syncing while ops move, failed with the error after, and idle while history fills in', () => {
    const pulling = state({
      progress: { phase: 'pulling', branchId: 'main', done: 1, total: null },
      error: 'x',
    });
    expect(syncReportFields(pulling, 'main').syncPhase).toBe('syncing');
    expect(syncReportFields(state({ error: 'Server said no' }), 'main')).toMatchObject({
      syncPhase: 'failed',
      syncError: 'Server said no',
    });
    const history = state({ progress: { phase: 'history', branchId: null, done: 1, total: 9 } });
    expect(syncReportFields(history, 'main').syncPhase).toBe('idle');
  });
});
