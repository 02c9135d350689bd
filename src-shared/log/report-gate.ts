/**
 * How many renderer reports main writes to its log per window of time. A page
 * in a loop (or a hostile one) could otherwise fill the log with one error and
 * push out everything worth reading; the rotation already bounds the disk.
 */
export interface ReportGateLimit {
  count: number;
  windowMs: number;
}

export const RENDERER_REPORT_LIMIT: ReportGateLimit = { count: 30, windowMs: 60_000 };

export type GateDecision =
  /** Write it; `dropped` reports were refused in the window before, worth a line of their own. */
  { admit: true; dropped: number } | { admit: false };

/** A fixed-window counter: pure, the caller passes the time. */
export function createReportGate(limit: ReportGateLimit = RENDERER_REPORT_LIMIT) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  let dropped = 0;
  return {
    decide(now: number): GateDecision {
      if (now - windowStart >= limit.windowMs) {
        windowStart = now;
        used = 0;
      }
      if (used >= limit.count) {
        dropped += 1;
        return { admit: false };
      }
      used += 1;
      const before = dropped;
      dropped = 0;
      return { admit: true, dropped: before };
    },
  };
}
export type ReportGate = ReturnType<typeof createReportGate>;
