import { isRendererUrl } from '../shell/renderer-url.js';

/** The parts of an IPC event and of the main window the check reads (Electron's types satisfy them). */
export interface SenderLike {
  sender: unknown;
  senderFrame: { parent: unknown; url: string } | null;
}
export interface WindowLike {
  isDestroyed(): boolean;
  webContents: unknown;
}

/**
 * Trusted-sender check: the call must come from our main window's top frame
 * showing our own file:// page — not from another window, an iframe, or a
 * page the window was somehow navigated to.
 */
export function isTrustedSender(event: SenderLike, win: WindowLike | null, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!win || win.isDestroyed() || event.sender !== win.webContents || !frame) return false;
  return frame.parent === null && isRendererUrl(frame.url, rendererUrl);
}
