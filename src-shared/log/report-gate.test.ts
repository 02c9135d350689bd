import { describe, expect, it } from 'vitest';
import { clipText } from './clip.js';
import { createReportGate } from './report-gate.js';
import { LOG_MESSAGE_MAX, LogReportSchema } from '../bridge/log.js';

describe('renderer report gate', () => {
  it('admits the limit per window, refuses the rest, and counts them for the next admitted report', () => {
    const gate = createReportGate({ count: 3, windowMs: 1000 });
    const first = [0, 10, 20, 30, 40].map((t) => gate.decide(t));
    expect(first.map((d) => d.admit)).toEqual([true, true, true, false, false]);
    expect(gate.decide(999)).toEqual({ admit: false });
    // A new window: admitted again, and told three were dropped meanwhile.
    expect(gate.decide(1000)).toEqual({ admit: true, dropped: 3 });
    expect(gate.decide(1001)).toEqual({ admit: true, dropped: 0 });
  });
});

describe('log report schema', () => {
  it('cuts an oversize message and says how much was cut', () => {
    const parsed = LogReportSchema.parse({ level: 'error', message: 'x'.repeat(LOG_MESSAGE_MAX + 500) });
    expect(parsed.message.startsWith('x'.repeat(LOG_MESSAGE_MAX))).toBe(true);
    expect(parsed.message).toMatch(/… \(500 more characters cut\)$/);
    expect(parsed.message.length).toBeLessThan(LOG_MESSAGE_MAX + 40);
  });

  it('refuses a level other than error or warn, and a message that is not text', () => {
    expect(LogReportSchema.safeParse({ level: 'fatal', message: 'm' }).success).toBe(false);
    expect(LogReportSchema.safeParse({ level: 'error', message: { toString: 'x' } }).success).toBe(false);
  });

  it('leaves short text alone', () => {
    expect(clipText('short', 10)).toBe('short');
  });
});
