import { session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../csp.js';
import { isRendererUrl } from '../shell/renderer-url.js';

/** Permissions the renderer legitimately needs; everything else (camera, geolocation, …) is refused. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'persistent-storage', 'fullscreen']);

/**
 * Session-wide rules: a CSP header on every response (the page's meta CSP
 * stays as a second line for file://) and a permission allow-list.
 */
export function secureSession(): void {
  const ses = session.defaultSession;
  const csp = contentSecurityPolicy();
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Only our own pages (file://); DevTools and anything else keep their own policy.
    const ours =
      details.url.startsWith('file:') &&
      (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame');
    if (!ours) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * Every web contents stays on our page: no navigation elsewhere, no new
 * windows, no <webview>. An https link a user clicks opens in their browser.
 */
export function secureContents(contents: WebContents, rendererUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', (event) => stayHome(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
