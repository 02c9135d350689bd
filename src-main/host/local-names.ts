import { hostname, networkInterfaces } from 'node:os';

/**
 * Which names the host answers to. A browser sends the name it was given in
 * `Host` (and the page's address in `Origin`), so checking both against the
 * host's own names refuses other sites' pages and DNS rebinding (an attacker's
 * name pointed at 127.0.0.1 still arrives as the attacker's name).
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Every address a wildcard bind is reachable at: the machine's interfaces and its name. */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).map((a) => a.address.split('%')[0] ?? a.address),
  );
  return [hostname(), ...addresses];
}

/** `Host` header values this host accepts (lower case), for a bind to `host` on `port`. */
export function ownHostHeaders(host: string, port: number): Set<string> {
  const names = new Set([host]);
  if (isLoopback(host) || isWildcard(host)) for (const n of LOOPBACK_NAMES) names.add(n);
  if (isWildcard(host)) for (const n of machineNames()) names.add(n);
  const headers = new Set<string>();
  for (const name of names) {
    headers.add(`${hostForUrl(name)}:${port}`.toLowerCase());
    if (port === 80) headers.add(hostForUrl(name).toLowerCase());
  }
  return headers;
}

/** The page origins that go with those names: a page is only ours if it came from one of them. */
export function ownOrigins(hostHeaders: Set<string>): Set<string> {
  return new Set([...hostHeaders].map((h) => `http://${h}`));
}

export function isOneOf(value: string | undefined, allowed: Set<string>): boolean {
  return value !== undefined && allowed.has(value.toLowerCase());
}
