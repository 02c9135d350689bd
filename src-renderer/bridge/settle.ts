import { z } from 'zod';
import {
  BridgeError,
  BridgeErrorSchema,
  bridgeEvents,
  bridgeMethods,
  type EventName,
  type MethodName,
} from '../../src-shared/bridge/contract.js';
import { logError } from '../log/report.js';

const OutcomeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);

function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(bridgeMethods, name);
}

export function isEvent(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(bridgeEvents, name);
}

/** What the person sees when main's answer does not fit the contract (the method and shape go to the log). */
export const UNREADABLE_ANSWER =
  'Tether could not read the answer to that request; reloading the window usually helps. The details are in Tether’s log.';

/**
 * Turns main's answer into a result or a BridgeError. The result is checked
 * against the contract, so a UI never acts on a shape it did not ask for.
 */
export function settleOutcome(method: string, outcome: unknown): unknown {
  const parsed = OutcomeSchema.safeParse(outcome);
  if (!parsed.success) {
    logError(`Main sent a malformed answer to ${method}`, parsed.error);
    throw new BridgeError({ code: 'internal', message: UNREADABLE_ANSWER, retryable: false });
  }
  if (!parsed.data.ok) throw new BridgeError(parsed.data.error);
  if (!isMethod(method)) return parsed.data.result;
  const result = bridgeMethods[method].result.safeParse(parsed.data.result);
  if (!result.success) {
    const why = result.error.issues[0]?.message ?? 'wrong shape';
    logError(`Main answered ${method} with an invalid result: ${why}`);
    throw new BridgeError({ code: 'internal', message: UNREADABLE_ANSWER, retryable: false });
  }
  return result.data;
}

/** A pushed event's payload checked against the contract; undefined when it does not fit. */
export function parseEventPayload(
  event: string,
  payload: unknown,
): { ok: true; payload: unknown } | { ok: false } {
  if (!isEvent(event)) return { ok: false };
  const parsed = bridgeEvents[event].safeParse(payload);
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false };
}

/** Calls one listener, so a throwing listener cannot stop the others hearing the event. */
export function deliver(event: string, listener: (payload: never) => void, payload: unknown): void {
  try {
    (listener as (p: unknown) => void)(payload);
  } catch (err) {
    logError(`A "${event}" listener threw`, err);
  }
}
