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
 * Runs one call against the handlers: unknown methods and invalid params are
 * refused before any handler runs. Both transports use this, so validation
 * and error shapes are the same on Electron and in the browser.
 */
export async function dispatchCall(
  handlers: Handlers,
  method: string,
  params: unknown,
): Promise<{ ok: true; result: unknown } | { ok: false; error: BridgeErrorShape }> {
  if (!isMethod(method)) {
    return {
      ok: false,
      error: { code: 'not_found', message: `Unknown bridge method "${method}"`, retryable: false },
    };
  }
  const parsed = bridgeMethods[method].params.safeParse(params);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
    return {
      ok: false,
      error: { code: 'bad_request', message: `Invalid params for ${method}: ${why}`, retryable: false },
    };
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof BridgeError) return { ok: false, error: err.toJSON() };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'internal', message, retryable: true } };
  }
}
