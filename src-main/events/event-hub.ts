import { bridgeEvents, type EmitEvent, type EventName } from '../../src-shared/bridge/contract.js';

/** One pushed event, as both transports forward it to their renderers. */
export interface BridgeEventMessage {
  event: EventName;
  payload: unknown;
}

export interface EventHub {
  /** Push an event to every connected renderer. */
  emit: EmitEvent;
  /** A transport subscribes once and forwards every event; returns unsubscribe. */
  subscribe(listener: (message: BridgeEventMessage) => void): () => void;
}

/**
 * Main's services emit here without knowing whether a BrowserWindow or a set of
 * WebSockets is listening. Payloads are checked against the contract so a bug
 * in main fails loudly here instead of confusing the renderer.
 */
export function createEventHub(): EventHub {
  const listeners = new Set<(message: BridgeEventMessage) => void>();
  const emit: EmitEvent = (event, payload) => {
    const parsed = bridgeEvents[event].safeParse(payload);
    if (!parsed.success)
      throw new Error(`Main tried to emit an invalid "${event}" event: ${parsed.error.message}`);
    for (const listener of [...listeners]) listener({ event, payload: parsed.data });
  };
  return {
    emit,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
