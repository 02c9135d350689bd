import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from './cli-args.js';

const cwd = '/work/here';
const repo = '/repo';

describe('parseHostArgs', () => {
  it('defaults to port 4477 on loopback, .tether-data in the cwd and the checkout build', () => {
    expect(parseHostArgs([], cwd, repo)).toEqual({
      port: 4477,
      host: '127.0.0.1',
      dataDir: resolve(cwd, '.tether-data'),
      rendererDir: resolve(repo, 'dist/renderer'),
      userName: undefined,
    });
  });

  it('takes every flag, resolving folders against the cwd', () => {
    const args = ['--port', '0', '--data-dir', 'd', '--user', 'eve', '--renderer-dir', 'r', '--host', '::1'];
    expect(parseHostArgs(args, cwd, repo)).toEqual({
      port: 0,
      host: '::1',
      dataDir: resolve(cwd, 'd'),
      rendererDir: resolve(cwd, 'r'),
      userName: 'eve',
    });
  });

  it('refuses bad ports and unknown flags', () => {
    expect(() => parseHostArgs(['--port', 'abc'], cwd, repo)).toThrow(/Invalid --port/);
    expect(() => parseHostArgs(['--port', '70000'], cwd, repo)).toThrow(/Invalid --port/);
    expect(() => parseHostArgs(['--port', '-1'], cwd, repo)).toThrow();
    expect(() => parseHostArgs(['--verbose'], cwd, repo)).toThrow(/Unknown option/);
  });

  it('signs in only with both --server and --token', () => {
    const both = parseHostArgs(['--server', 'http://s:1', '--token', 't'], cwd, repo);
    expect(both.signIn).toEqual({ serverUrl: 'http://s:1', token: 't' });
    expect(parseHostArgs([], cwd, repo).signIn).toBeUndefined();
    expect(() => parseHostArgs(['--server', 'http://s:1'], cwd, repo)).toThrow(/go together/);
    expect(() => parseHostArgs(['--token', 't'], cwd, repo)).toThrow(/go together/);
  });
});
