import type { PreloadApi } from '../../src-shared/bridge/preload-api.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode (the headless host). */
    readonly tether?: PreloadApi;
  }
}

export type { PreloadApi };
