import type { Bridge } from '../../src-shared/bridge/contract.js';
import type { LogReport } from '../../src-shared/bridge/log.js';
import { createReportGate, RENDERER_REPORT_LIMIT } from '../../src-shared/log/report-gate.js';

/**
 * The page's errors and warnings: still in the developer console, and also in
 * main's log file (`log.report`), where a packaged app keeps them. Main bounds
 * size and rate; the page keeps the same rate itself so a loop does not flood
 * the bridge. A report that cannot be sent is not reported again (no loops).
 */
let bridgeOf: (() => Bridge) | null = null;
const gate = createReportGate(RENDERER_REPORT_LIMIT);

/** Where reports go from now on (set once at start-up; tests and Node runs leave it unset). */
export function sendLogsTo(getBridge: () => Bridge): void {
  bridgeOf = getBridge;
}

function describe(message: string, error: unknown): LogReport {
  if (error === undefined) return { level: 'error', message };
  if (error instanceof Error) {
    return { level: 'error', message: `${message}: ${error.message}`, detail: error.stack };
  }
  let text: string;
  try {
    text = typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    text = String(error);
  }
  return { level: 'error', message: `${message}: ${text}` };
}

function send(report: LogReport): void {
  if (!bridgeOf || !gate.decide(Date.now()).admit) return;
  try {
    bridgeOf()
      .call('log.report', report)
      .catch((err: unknown) => console.debug('The log report did not reach main', err));
  } catch (err) {
    console.debug('The log report did not reach main', err);
  }
}

/** Something failed that the user may notice: console and main's log. */
export function logError(message: string, error?: unknown): void {
  console.error(message, ...(error === undefined ? [] : [error]));
  send(describe(message, error));
}

/** Something odd that did not fail anything the user asked for. */
export function logWarning(message: string, error?: unknown): void {
  console.warn(message, ...(error === undefined ? [] : [error]));
  send({ ...describe(message, error), level: 'warn' });
}

/** Errors nothing caught (a throw in an event handler, a rejected promise nobody awaited). */
export function reportUncaughtErrors(target: Window): () => void {
  const onError = (event: ErrorEvent) =>
    send(describe('Uncaught error', event.error ?? `${event.message} (${event.filename}:${event.lineno})`));
  const onRejection = (event: PromiseRejectionEvent) => send(describe('Unhandled rejection', event.reason));
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
