import type { Handlers } from '../../src-shared/bridge/contract.js';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import { CallFrameSchema, type ResultFrame } from '../../src-shared/bridge/wire.js';

/** The id used to answer a frame so broken that it has no id of its own. */
export const NO_ID = -1;

function badFrame(id: number, message: string): ResultFrame {
  return { kind: 'result', id, ok: false, error: { code: 'bad_request', message, retryable: false } };
}

function idOf(json: unknown): number {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof json === 'object' && Number.isInteger(id) ? (id as number) : NO_ID;
}

/**
 * Answers one text frame from the renderer. Anything that is not a valid call
 * frame is answered with a bad_request result and never reaches a handler.
 */
export async function answerFrame(handlers: Handlers, text: string): Promise<ResultFrame> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return badFrame(NO_ID, 'Bridge frame is not valid JSON');
  }
  const frame = CallFrameSchema.safeParse(json);
  if (!frame.success)
    return badFrame(idOf(json), `Bridge frame is not a call: ${frame.error.issues[0]?.message}`);
  const { id, method, params } = frame.data;
  const outcome = await dispatchCall(handlers, method, params);
  return outcome.ok
    ? { kind: 'result', id, ok: true, result: outcome.result }
    : { kind: 'result', id, ok: false, error: outcome.error };
}
