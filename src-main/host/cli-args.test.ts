import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostArgs } from './cli-args.js';

const cwd = '/work/here';
const repo = '/repo';

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const command = parseHostArgs(args, cwd, repo, env);
  if (command.help) throw new Error('expected options, got help');
  return command;
}

describe('parseHostArgs', () => {
  it('defaults to port 4477 on loopback, .tether-data in the cwd and the checkout build', () => {
    expect(run([])).toEqual({
      help: false,
      options: {
        port: 4477,
        host: '127.0.0.1',
        allowRemote: false,
        dataDir: resolve(cwd, '.tether-data'),
        rendererDir: resolve(repo, 'dist/renderer'),
        userName: undefined,
      },
    });
  });

  it('takes every flag, resolving folders against the cwd', () => {
    const args = ['--port', '0', '--data-dir', 'd', '--user', 'eve', '--renderer-dir', 'r', '--host', '::1'];
    expect(run([...args, '--allow-remote']).options).toEqual({
      port: 0,
      host: '::1',
      allowRemote: true,
      dataDir: resolve(cwd, 'd'),
      rendererDir: resolve(cwd, 'r'),
      userName: 'eve',
    });
  });

  it('answers --help with help, whatever else is given', () => {
    expect(parseHostArgs(['--help'], cwd, repo)).toEqual({ help: true });
    expect(parseHostArgs(['--port', '1', '--help'], cwd, repo)).toEqual({ help: true });
  });

  it('refuses bad ports and unknown flags', () => {
    expect(() => run(['--port', 'abc'])).toThrow(/Invalid --port/);
    expect(() => run(['--port', '70000'])).toThrow(/Invalid --port/);
    expect(() => run(['--port', '-1'])).toThrow();
    expect(() => run(['--verbose'])).toThrow(/Unknown option/);
  });

  it('refuses a token on the command line and says what to use instead', () => {
    for (const args of [['--server', 'http://s:1', '--token', 't'], ['--token=t'], ['--token', 't']]) {
      expect(() => run(args), args.join(' ')).toThrow(
        /--token is not accepted.*--token-file FILE, --token-file - \(standard input\) or the TETHER_TOKEN/,
      );
    }
  });

  it('signs in with --server and a token from a file, standard input or TETHER_TOKEN', () => {
    expect(run(['--server', 'http://s:1', '--token-file', 'tok']).signIn).toEqual({
      serverUrl: 'http://s:1',
      token: { from: 'file', path: resolve(cwd, 'tok') },
    });
    expect(run(['--server', 'http://s:1', '--token-file', '-']).signIn?.token).toEqual({ from: 'stdin' });
    expect(run(['--server', 'http://s:1'], { TETHER_TOKEN: 'abc' }).signIn?.token).toEqual({
      from: 'environment',
      token: 'abc',
    });
    // The file wins over the environment: it is the one given on this command line.
    expect(run(['--server', 'u', '--token-file', 'f'], { TETHER_TOKEN: 'abc' }).signIn?.token.from).toBe(
      'file',
    );
  });

  it('keeps --server and its token together', () => {
    expect(run([]).signIn).toBeUndefined();
    expect(run([], { TETHER_TOKEN: 'abc' }).signIn).toBeUndefined();
    expect(() => run(['--server', 'http://s:1'])).toThrow(/--server needs a token/);
    expect(() => run(['--token-file', 'f'])).toThrow(/goes with --server/);
  });

  it('passes a bridge key a launcher gave in TETHER_BRIDGE_KEY', () => {
    expect(run([], { TETHER_BRIDGE_KEY: 'k'.repeat(43) }).options.bridgeKey).toBe('k'.repeat(43));
    expect(run([]).options.bridgeKey).toBeUndefined();
  });
});
