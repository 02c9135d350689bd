import type { Logger } from 'pino';
import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import { createReportGate, type ReportGateLimit } from '../../src-shared/log/report-gate.js';

/**
 * `log.report`: the page's errors and warnings, into main's log. The schema
 * already cut the text to size; the gate keeps a page in a loop (or a hostile
 * one) from writing more than a few reports a minute, and says how many it dropped.
 */
export function createLogHandlers(
  logger: Logger,
  limit?: ReportGateLimit,
  now: () => number = Date.now,
): HandlerMap<'log.report'> {
  const gate = createReportGate(limit);
  const renderer = logger.child({ from: 'renderer' });
  return {
    'log.report': async ({ level, message, detail }) => {
      const decision = gate.decide(now());
      if (!decision.admit) return;
      if (decision.dropped > 0)
        renderer.warn(`${decision.dropped} reports from the page were dropped (too many)`);
      renderer[level](detail === undefined ? {} : { detail }, message);
    },
  };
}
