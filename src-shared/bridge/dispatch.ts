import type { z } from 'zod';
import {
  BridgeError,
  bridgeMethods,
  type BridgeErrorShape,
  type Handlers,
  type MethodName,
} from './contract.js';

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(bridgeMethods, name);
}

/**
 * A refused or failed call as main's log should record it: the method and
 * what the schema or the handler said. The caller only ever sees a message in
 * the product's words; this is what a developer needs to find the cause.
 */
export interface DispatchProblem {
  method: string;
  code: BridgeErrorShape['code'];
  detail: string;
}
export type ReportProblem = (problem: DispatchProblem) => void;

/**
 * Who hears about refusals of calls on a handler map. Main registers its log
 * once where it builds the handlers, so every transport that dispatches on
 * them (IPC, the host's WebSocket, tests) reports without carrying a logger.
 */
const reporters = new WeakMap<Handlers, ReportProblem>();
export function reportProblemsOf(handlers: Handlers, report: ReportProblem): void {
  reporters.set(handlers, report);
}

/** Where the details of a refusal went: said in every message that leaves them out. */
const SEE_LOG = 'The details are in Tether’s log.';
export const UNKNOWN_REQUEST_MESSAGE = `This version of Tether cannot do that. ${SEE_LOG}`;
export const INVALID_REQUEST_MESSAGE = `Tether could not do that: the request was not valid, and nothing was changed. ${SEE_LOG}`;
export const UNEXPECTED_MESSAGE = `Tether could not finish that because of an unexpected problem. ${SEE_LOG}`;

/**
 * Issues that a schema did not word for people get this marker (a per-parse
 * message ranks below one written on the schema), so they are never shown.
 */
const UNWORDED = '\u0000unworded';

/** The messages a schema wrote for people, as sentences; empty when it wrote none for these issues. */
function wordedMessages(issues: z.core.$ZodIssue[]): string {
  const worded = new Set(issues.map((i) => i.message).filter((m) => m !== UNWORDED));
  return [...worded].map((m) => (/[.!?]$/.test(m) ? m : `${m}.`)).join(' ');
}

const issueDetail = (issues: z.core.$ZodIssue[]) =>
  issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');

function refusal(
  method: string,
  error: BridgeErrorShape,
  detail: string,
  report: ReportProblem | undefined,
): { ok: false; error: BridgeErrorShape } {
  report?.({ method, code: error.code, detail });
  return { ok: false, error };
}

/**
 * Runs one call against the handlers: unknown methods and invalid params are
 * refused before any handler runs. Both transports use this, so validation
 * and error shapes are the same on Electron and in the browser. Messages are
 * for the person using the app (a schema's own wording, or a plain sentence);
 * the internal detail goes to `report` (by default the handlers' reporter) for the log.
 */
export async function dispatchCall(
  handlers: Handlers,
  method: string,
  params: unknown,
  report: ReportProblem | undefined = reporters.get(handlers),
): Promise<{ ok: true; result: unknown } | { ok: false; error: BridgeErrorShape }> {
  if (!isMethod(method)) {
    const error = { code: 'not_found', message: UNKNOWN_REQUEST_MESSAGE, retryable: false } as const;
    return refusal(method, error, `unknown bridge method "${method}"`, report);
  }
  const schema = bridgeMethods[method].params;
  const parsed = schema.safeParse(params, { error: () => UNWORDED });
  if (!parsed.success) {
    const message = wordedMessages(parsed.error.issues) || INVALID_REQUEST_MESSAGE;
    const detail = issueDetail(schema.safeParse(params).error?.issues ?? parsed.error.issues);
    return refusal(method, { code: 'bad_request', message, retryable: false }, detail, report);
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof BridgeError) {
      // An internal refusal may carry the detail its message leaves out.
      if (err.code === 'internal' && err.cause !== undefined)
        report?.({ method, code: err.code, detail: String(err.cause) });
      return { ok: false, error: err.toJSON() };
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    const error = { code: 'internal', message: UNEXPECTED_MESSAGE, retryable: true } as const;
    return refusal(method, error, detail, report);
  }
}
