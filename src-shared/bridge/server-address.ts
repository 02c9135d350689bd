/**
 * What a person may type as the server address, and the URL Tether uses for
 * it: `127.0.0.1:8787`, `localhost:8787/` and `tether.example.com` are all
 * fine (http:// is added when no scheme is given, a trailing slash dropped).
 * Anything else gets one sentence saying what is wrong, in plain words.
 */
export type ServerAddress = { ok: true; url: string } | { ok: false; problem: string };

export const SERVER_ADDRESS_MAX = 2048;

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** A host name (labels of letters, digits and hyphens), an IPv4 address, or a bracketed IPv6 one. */
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)*)$/i;

const fail = (problem: string): ServerAddress => ({ ok: false, problem });

function splitScheme(text: string): { scheme: string; rest: string } {
  const match = SCHEME.exec(text);
  if (!match) return { scheme: 'http', rest: text };
  return { scheme: match[1]!.toLowerCase(), rest: text.slice(match[0].length) };
}

function checkPort(port: string | undefined): string | null {
  if (port === undefined) return null;
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  return n >= 1 && n <= 65535 ? null : 'The port (after the colon) must be a number from 1 to 65535.';
}

export function parseServerAddress(input: string): ServerAddress {
  const text = input.trim();
  if (text === '') return fail('Enter the server address, for example tether.example.com or 127.0.0.1:8787.');
  if (text.length > SERVER_ADDRESS_MAX) return fail('The server address is too long.');
  if (/\s/.test(text)) return fail('The server address cannot contain spaces.');
  const { scheme, rest } = splitScheme(text);
  if (scheme !== 'http' && scheme !== 'https') {
    return fail(`The server address must start with http:// or https:// (or neither), not ${scheme}://.`);
  }
  if (/[?#]/.test(rest))
    return fail('Leave out the part from ? or # on: the server address is only where the server is.');
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = (slash === -1 ? '' : rest.slice(slash)).replace(/\/+$/, '');
  if (authority.includes('@')) {
    return fail('Leave your name out of the server address: the access token says who you are.');
  }
  const hostPort = /^(.*?)(?::([^:\]]*))?$/.exec(authority)!;
  const host = hostPort[1]!;
  if (host === '') return fail('Enter the server’s name or IP address, for example 127.0.0.1:8787.');
  if (!HOST.test(host)) return fail(`“${host}” is not a server name or IP address.`);
  const portProblem = checkPort(hostPort[2]);
  if (portProblem) return fail(portProblem);
  const port = hostPort[2] === undefined ? '' : `:${Number(hostPort[2])}`;
  return { ok: true, url: `${scheme}://${host.toLowerCase()}${port}${path}` };
}
