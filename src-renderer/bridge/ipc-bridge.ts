import type { Bridge } from '../../src-shared/bridge/contract.js';
import type { PreloadApi } from '../../src-shared/bridge/preload-api.js';
import { deliver, parseEventPayload, settleOutcome } from './settle.js';
import { logWarning } from '../log/report.js';

/** The bridge over Electron IPC: the preload's `window.tether`, with the contract checked on this side. */
export function createIpcBridge(api: PreloadApi): Bridge {
  return {
    async call(method, ...params) {
      const outcome = await api.call(method, params[0]);
      return settleOutcome(method, outcome) as never;
    },
    on(event, listener) {
      return api.on(event, (payload) => {
        const parsed = parseEventPayload(event, payload);
        if (parsed.ok) deliver(event, listener, parsed.payload);
        else logWarning(`Ignored a malformed "${event}" event from main`);
      });
    },
  };
}
