import type { BridgeErrorShape } from './contract.js';

/**
 * What main answers a call with, on both transports. Electron IPC carries it
 * as a plain object because an Error thrown across IPC loses its code.
 */
export type CallOutcome = { ok: true; result?: unknown } | { ok: false; error: BridgeErrorShape };

/**
 * What the Electron preload exposes as `window.tether` — and nothing else.
 * Untyped at this boundary on purpose: the renderer's bridge client validates
 * every outcome and payload against the contract, whichever transport it uses.
 */
export interface PreloadApi {
  call(method: string, params?: unknown): Promise<CallOutcome>;
  /** Listens to one pushed event; returns unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
