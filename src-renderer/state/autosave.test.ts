import { describe, expect, it } from 'vitest';
import { Autosaver, type SaveState } from './autosave.js';

/** A hand-driven timer and save so every step of the saver is observable. */
function harness(failFirst = false) {
  const saves: string[] = [];
  const states: SaveState[] = [];
  let timer: (() => void) | null = null;
  let release: (() => void) | null = null;
  let fail: ((e: Error) => void) | null = null;
  let calls = 0;
  const saver = new Autosaver({
    delayMs: 500,
    setTimer: (fn) => ((timer = fn), 1),
    clearTimer: () => (timer = null),
    onState: (s) => states.push(s),
    save: (content) =>
      new Promise<void>((resolve, reject) => {
        calls += 1;
        saves.push(content);
        release = resolve;
        fail = failFirst && calls === 1 ? reject : null;
      }),
  });
  return {
    saver,
    saves,
    states,
    fireTimer: () => timer?.(),
    hasTimer: () => timer !== null,
    finishSave: async () => {
      release?.();
      await new Promise((r) => setTimeout(r, 0));
    },
    failSave: async () => {
      fail?.(new Error('disk full'));
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('Autosaver', () => {
  it('waits for typing to settle, then saves only the latest text', async () => {
    const h = harness();
    h.saver.change('a');
    h.saver.change('ab');
    expect(h.saves).toEqual([]);
    expect(h.saver.current).toBe('dirty');
    h.fireTimer();
    expect(h.saves).toEqual(['ab']);
    expect(h.saver.current).toBe('saving');
    await h.finishSave();
    expect(h.saver.current).toBe('saved');
    expect(h.saver.hasUnsaved).toBe(false);
  });

  it('never runs two saves at once and writes a change made during a save right after it', async () => {
    const h = harness();
    h.saver.change('one');
    h.fireTimer();
    h.saver.change('two');
    const flushed = h.saver.flush();
    expect(h.saves).toEqual(['one']);
    await h.finishSave();
    expect(h.saves).toEqual(['one', 'two']);
    expect(h.saver.current).toBe('saving');
    await h.finishSave();
    await flushed;
    expect(h.saver.current).toBe('saved');
  });

  it('flush saves at once and cancels the pending timer', async () => {
    const h = harness();
    h.saver.change('x');
    const done = h.saver.flush();
    expect(h.hasTimer()).toBe(false);
    expect(h.saves).toEqual(['x']);
    await h.finishSave();
    await done;
    expect(h.states).toEqual(['dirty', 'saving', 'saved']);
  });

  it('flush with nothing typed does not save', async () => {
    const h = harness();
    await h.saver.flush();
    expect(h.saves).toEqual([]);
  });

  it('keeps the text after a failed save and retries it on the next flush', async () => {
    const h = harness(true);
    h.saver.change('keep me');
    const first = h.saver.flush().catch((e: unknown) => e);
    await h.failSave();
    expect(await first).toBeInstanceOf(Error);
    expect(h.saver.current).toBe('error');
    expect(h.saver.hasUnsaved).toBe(true);
    const retry = h.saver.flush();
    expect(h.saves).toEqual(['keep me', 'keep me']);
    await h.finishSave();
    await retry;
    expect(h.saver.current).toBe('saved');
  });
});
