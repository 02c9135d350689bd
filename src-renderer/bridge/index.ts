import { z } from 'zod';
import type { Bridge } from '../../src-shared/bridge/contract.js';
import './electron-api.js';
import { createIpcBridge } from './ipc-bridge.js';
import { bridgeUrl, takeLaunchKey } from './launch-key.js';
import { createWsBridge } from './ws-bridge.js';

// The renderer's CSP forbids eval; without this zod probes `new Function` and
// Chromium reports a CSP violation on every page load (the probe is caught, the report is not).
z.config({ jitless: true });

export { BridgeError } from '../../src-shared/bridge/contract.js';
export type {
  Bridge,
  EventName,
  EventPayload,
  MethodName,
  MethodResult,
} from '../../src-shared/bridge/contract.js';

export { bridgeUrl } from './launch-key.js';

let bridge: Bridge | undefined;

/**
 * The one bridge to main for this page. In Electron the preload has exposed
 * `window.tether`; in a browser the page talks to the headless host that
 * served it. UI code cannot tell which.
 */
export function getBridge(): Bridge {
  bridge ??= window.tether
    ? createIpcBridge(window.tether)
    : createWsBridge({ url: bridgeUrl(window.location, takeLaunchKey(window)) });
  return bridge;
}
