import { describe, expect, it } from 'vitest';
import { retryDelayMs, serverRetryAfterMs } from './errors.js';

describe('retry delay', () => {
  it("doubles from 1 s to 60 s, and is raised to the server's Retry-After when that is longer", () => {
    expect([0, 1, 2, 6, 20].map((n) => retryDelayMs(n))).toEqual([1000, 2000, 4000, 60_000, 60_000]);
    expect(retryDelayMs(0, { code: 'offline', retryAfterMs: 45_000 })).toBe(45_000);
    expect(retryDelayMs(6, { code: 'offline', retryAfterMs: 5_000 })).toBe(60_000);
    expect(retryDelayMs(0, new Error('plain'))).toBe(1000);
  });

  it('reads only a positive number as a server-given wait', () => {
    expect(serverRetryAfterMs({ retryAfterMs: 1500 })).toBe(1500);
    for (const odd of [
      null,
      undefined,
      {},
      { retryAfterMs: -1 },
      { retryAfterMs: 'soon' },
      { retryAfterMs: NaN },
    ])
      expect(serverRetryAfterMs(odd)).toBe(0);
  });
});
