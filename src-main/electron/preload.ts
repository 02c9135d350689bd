import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallOutcome, PreloadApi } from '../../src-shared/bridge/preload-api.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';

/**
 * Runs sandboxed, before the page. It exposes exactly two functions and never
 * ipcRenderer itself, so the page cannot reach any other channel. Checking
 * the contract is left to the renderer's bridge client and to main.
 */
const api: PreloadApi = {
  call(method, params) {
    if (typeof method !== 'string')
      return Promise.reject(new TypeError('tether.call: method must be a string'));
    return ipcRenderer.invoke(CALL_CHANNEL, method, params) as Promise<CallOutcome>;
  },
  on(event, listener) {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('tether.on(event, listener): event must be a string and listener a function');
    }
    const forward = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tether', api);
