/**
 * The renderer's Content-Security-Policy, sent by the headless host as a header
 * and installed by Electron on its session; the UI's index.html carries a meta
 * CSP too (a page gets the intersection of both, so neither can loosen the other).
 *
 * Why each exception: CodeMirror and React set inline styles; images and fonts
 * may be data:/blob: URLs made in the page; IndexedDB needs no network at all,
 * and the renderer opens no connection of its own except the bridge socket
 * (invariant 4), which the host adds through `connectSrc`.
 */
export function contentSecurityPolicy(opts: { connectSrc?: string[] } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(opts.connectSrc ?? [])],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
