import { ipcMain, type BrowserWindow } from 'electron';
import type { BridgeErrorShape, Handlers } from '../../src-shared/bridge/contract.js';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import type { CallOutcome } from '../../src-shared/bridge/preload-api.js';
import type { EventHub } from '../events/event-hub.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';
import { isTrustedSender } from './trusted-sender.js';

export interface BridgeIpcOptions {
  handlers: Handlers;
  events: EventHub;
  /** The main window, once it exists; the only renderer allowed to call. */
  getWindow: () => BrowserWindow | null;
  /** file:// URL of our renderer's index.html. */
  rendererUrl: string;
}

const refuse = (code: BridgeErrorShape['code'], message: string): CallOutcome => ({
  ok: false,
  error: { code, message, retryable: false },
});

/** Serves the bridge contract over Electron IPC; returns a function that unregisters it. */
export function registerBridgeIpc(opts: BridgeIpcOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, params: unknown): Promise<CallOutcome> => {
    if (!isTrustedSender(event, opts.getWindow(), opts.rendererUrl))
      return refuse('forbidden', 'This page may not use the Tether bridge');
    if (typeof method !== 'string') return refuse('bad_request', 'Bridge method must be a string');
    return dispatchCall(opts.handlers, method, params);
  });
  const unsubscribe = opts.events.subscribe(({ event, payload }) => {
    const win = opts.getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
