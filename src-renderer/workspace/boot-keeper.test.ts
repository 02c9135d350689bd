import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOOT_VIEW_MARGIN_MS } from '../db/boot-view-store.js';
import { BootViewKeeper } from './boot.js';
import type { LiveState } from './live-state.js';

/** A live state that only tells its listeners of a change when the test says so. */
function changingState(): { state: LiveState; change(): void } {
  const listeners = new Set<() => void>();
  const state = {
    subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  return { state: state as unknown as LiveState, change: () => listeners.forEach((l) => l()) };
}

/** A record store whose writes take `costMs` of (fake) time; counts what it stored. */
function storeCosting(costMs: number): { store: () => Promise<boolean>; saves: number[] } {
  const saves: number[] = [];
  const store = async () => {
    vi.setSystemTime(Date.now() + costMs);
    saves.push(Date.now());
    return true;
  };
  return { store, saves };
}

/** A keeper over a changing state whose first record (taken at start) costs `costMs`. */
async function afterFirstRecord(costMs: number) {
  const { state, change } = changingState();
  const { store, saves } = storeCosting(costMs);
  const keeper = new BootViewKeeper(state, store, false);
  await vi.advanceTimersByTimeAsync(BOOT_VIEW_MARGIN_MS);
  expect(saves).toHaveLength(1);
  return { change, saves, keeper };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BootViewKeeper spacing', () => {
  it('takes a cheap record again a quiet moment after the next change (a fresh client’s first pull)', async () => {
    const { change, saves, keeper } = await afterFirstRecord(10);
    change();
    await vi.advanceTimersByTimeAsync(BOOT_VIEW_MARGIN_MS);
    expect(saves).toHaveLength(2);
    keeper.stop();
  });

  it('spaces a costly record by thirty times what it took, and never more than a minute', async () => {
    const { change, saves, keeper } = await afterFirstRecord(1_000);
    change();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(saves).toHaveLength(1); // 30 s after the last one, not a quiet moment after the change
    await vi.advanceTimersByTimeAsync(6_000);
    expect(saves).toHaveLength(2);
    keeper.stop();

    const slow = await afterFirstRecord(5_000);
    slow.change();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(slow.saves).toHaveLength(2);
    slow.keeper.stop();
  });

  it('a record it could not keep (a write came in while it was built) is tried again after a quiet moment', async () => {
    const { state } = changingState();
    let answers = [false, true];
    const tried: number[] = [];
    const keeper = new BootViewKeeper(
      state,
      async () => {
        tried.push(Date.now());
        const [next, ...rest] = answers;
        answers = rest;
        return next ?? true;
      },
      false,
    );
    await vi.advanceTimersByTimeAsync(2 * BOOT_VIEW_MARGIN_MS);
    expect(tried).toHaveLength(2);
    keeper.stop();
  });
});
