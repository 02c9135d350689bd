import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSyncSettings, type SyncSettings } from '../../src-shared/bridge/sync-settings.js';
import { autoSyncAllowed, createStrategyFollower, periodicIntervalMs } from './strategy.js';

const settings = (over: Partial<SyncSettings>): SyncSettings => ({ ...defaultSyncSettings, ...over });

function fakeEngine() {
  const calls: string[] = [];
  return {
    calls,
    setAutoSync: (on: boolean) => calls.push(`auto:${on}`),
    syncPending: async () => calls.push('sync'),
  };
}

afterEach(() => vi.useRealTimers());

describe('sync strategy', () => {
  it('lets the engine sync on its own only when eager and not travelling', () => {
    expect(autoSyncAllowed(settings({}))).toBe(true);
    expect(autoSyncAllowed(settings({ strategy: 'manual' }))).toBe(false);
    expect(autoSyncAllowed(settings({ strategy: 'periodic' }))).toBe(false);
    expect(autoSyncAllowed(settings({ travelMode: true }))).toBe(false);
    expect(periodicIntervalMs(settings({ strategy: 'periodic', intervalMinutes: 5 }))).toBe(300_000);
    expect(periodicIntervalMs(settings({ strategy: 'periodic', travelMode: true }))).toBeNull();
  });

  it('ticks every interval in periodic mode, never in manual mode', () => {
    vi.useFakeTimers();
    const engine = fakeEngine();
    const follower = createStrategyFollower(engine, settings({ strategy: 'periodic', intervalMinutes: 2 }));
    vi.advanceTimersByTime(4 * 60_000);
    expect(engine.calls.filter((c) => c === 'sync')).toHaveLength(2);
    follower.apply(settings({ strategy: 'manual' }));
    vi.advanceTimersByTime(60 * 60_000);
    expect(engine.calls.filter((c) => c === 'sync')).toHaveLength(2);
    expect(engine.calls).toContain('auto:false');
    follower.stop();
  });

  it('syncs once when travel mode is switched off, even with the manual strategy', () => {
    const engine = fakeEngine();
    const follower = createStrategyFollower(engine, settings({ strategy: 'manual', travelMode: true }));
    follower.apply(settings({ strategy: 'manual', travelMode: false }));
    expect(engine.calls).toEqual(['auto:false', 'sync']);
    // Eager: opening the gate is the sync (the engine does it), no second one here.
    const eager = fakeEngine();
    createStrategyFollower(eager, settings({ travelMode: true })).apply(settings({}));
    expect(eager.calls).toEqual(['auto:true']);
  });
});
