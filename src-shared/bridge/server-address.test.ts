import { describe, expect, it } from 'vitest';
import { ConnectionCredentialsSchema } from './connection.js';
import { dispatchCall } from './dispatch.js';
import { parseServerAddress } from './server-address.js';
import { BridgeError, type Handlers } from './contract.js';

const url = (input: string) => {
  const parsed = parseServerAddress(input);
  return parsed.ok ? parsed.url : `problem: ${parsed.problem}`;
};

describe('server address as typed on Settings → Server', () => {
  it('adds http:// when no scheme is given and drops trailing slashes', () => {
    expect(url('127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(url('  localhost:8787/ ')).toBe('http://localhost:8787');
    expect(url('tether.example.com')).toBe('http://tether.example.com');
    expect(url('HTTPS://Tether.Example.com//')).toBe('https://tether.example.com');
    expect(url('https://example.com/tether/')).toBe('https://example.com/tether');
    expect(url('http://[::1]:8787')).toBe('http://[::1]:8787');
    expect(url('localhost:08787')).toBe('http://localhost:8787');
  });

  it('says in plain words what is wrong with an address it cannot use', () => {
    expect(url('')).toMatch(/^problem: Enter the server address, for example/);
    expect(url('ftp://files.example.com')).toBe(
      'problem: The server address must start with http:// or https:// (or neither), not ftp://.',
    );
    expect(url('localhost:99999')).toMatch(/port \(after the colon\) must be a number from 1 to 65535/);
    expect(url('localhost:abc')).toMatch(/port/);
    expect(url('my server')).toBe('problem: The server address cannot contain spaces.');
    expect(url('http://')).toMatch(/Enter the server’s name or IP address/);
    expect(url('http://alice:pw@example.com')).toMatch(/Leave your name out/);
    expect(url('example.com/?token=1')).toMatch(/Leave out the part from \? or #/);
    expect(url('exa_mple.com')).toBe('problem: “exa_mple.com” is not a server name or IP address.');
    expect(url('x'.repeat(3000))).toBe('problem: The server address is too long.');
  });
});

describe('connection params through the bridge dispatcher', () => {
  const seen: unknown[] = [];
  const handlers = {
    'connection.test': async (input: unknown) => {
      seen.push(input);
      return { ok: true, userName: 'alice', serverTime: 1 };
    },
  } as unknown as Handlers;

  it('hands main the normalized address', async () => {
    const outcome = await dispatchCall(handlers, 'connection.test', {
      serverUrl: '127.0.0.1:8787',
      token: 't',
    });
    expect(outcome.ok).toBe(true);
    expect(seen.at(-1)).toEqual({ serverUrl: 'http://127.0.0.1:8787', token: 't' });
  });

  it('refuses a bad address with the sentence for people, no method name, and logs the detail', async () => {
    const problems: unknown[] = [];
    const before = seen.length;
    const outcome = await dispatchCall(
      handlers,
      'connection.test',
      { serverUrl: 'ftp://x', token: '' },
      (p) => problems.push(p),
    );
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        retryable: false,
        message:
          'The server address must start with http:// or https:// (or neither), not ftp://. Enter your access token.',
      },
    });
    expect(seen.length).toBe(before); // the handler never ran
    expect(problems).toEqual([
      {
        method: 'connection.test',
        code: 'bad_request',
        detail: expect.stringContaining('token: Enter your access token'),
      },
    ]);
  });

  it('words a refusal a schema did not word as a plain sentence, and keeps the method for the log only', async () => {
    const problems: { detail: string }[] = [];
    const outcome = await dispatchCall(handlers, 'status.report', { unsyncedOps: -5 }, (p) =>
      problems.push(p),
    );
    expect(!outcome.ok && outcome.error.message).toBe(
      'Tether could not do that: the request was not valid, and nothing was changed. The details are in Tether’s log.',
    );
    expect(JSON.stringify(outcome)).not.toContain('status.report');
    expect(problems[0]?.detail).toContain('unsyncedOps');
    const unknown = await dispatchCall(handlers, 'items.dropAll', undefined);
    expect(!unknown.ok && unknown.error.message).toBe(
      'This version of Tether cannot do that. The details are in Tether’s log.',
    );
  });

  it('logs the detail an internal refusal carries, and shows only its message', async () => {
    const problems: unknown[] = [];
    const failing = {
      'remote.me': async () => {
        const error = new BridgeError({ code: 'internal', message: 'Plain words.', retryable: true });
        error.cause = 'invalid answer to GET /v1/me (userName: expected string)';
        throw error;
      },
    } as unknown as Handlers;
    const outcome = await dispatchCall(failing, 'remote.me', undefined, (p) => problems.push(p));
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Plain words.', retryable: true },
    });
    expect(problems).toEqual([
      {
        method: 'remote.me',
        code: 'internal',
        detail: 'invalid answer to GET /v1/me (userName: expected string)',
      },
    ]);
  });

  it('keeps the schema for direct use: the output is the URL Tether uses', () => {
    expect(ConnectionCredentialsSchema.parse({ serverUrl: 'localhost:8787/', token: ' t ' })).toEqual({
      serverUrl: 'http://localhost:8787',
      token: 't',
    });
  });
});
