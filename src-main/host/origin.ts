/**
 * The browser-mode equivalent of Electron's trusted-sender check: only pages
 * served by this host may open the bridge. A page on any other site (or a DNS
 * rebinding attack, which keeps the attacker's Origin) is refused.
 */
export function ownOrigins(host: string, port: number): Set<string> {
  const origins = new Set([`http://${hostForUrl(host)}:${port}`]);
  // The same loopback host is reachable by both names; browsers send the one typed in.
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    origins.add(`http://127.0.0.1:${port}`);
    origins.add(`http://localhost:${port}`);
    origins.add(`http://[::1]:${port}`);
  }
  return origins;
}

export function isOwnOrigin(origin: string | undefined, allowed: Set<string>): boolean {
  return origin !== undefined && allowed.has(origin.toLowerCase());
}

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
