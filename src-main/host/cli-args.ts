import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, type StartHostOptions } from './start-host.js';

export const USAGE = `Usage: npm run host -- [options]

  --port N            port to listen on (default ${DEFAULT_PORT}; the page's local data belongs to its port)
  --host ADDRESS      address to listen on (default ${DEFAULT_HOST}); anything but loopback needs --allow-remote
  --allow-remote      let other machines reach this host (a warning is printed)
  --data-dir DIR      where the host keeps its files (default ./.tether-data)
  --user NAME         your user name (default: the system's)
  --renderer-dir DIR  the built renderer (default: dist/renderer of this checkout)
  --server URL        sign in to this sync server at start, with the token from
  --token-file FILE     a file that holds it ("-" reads it from standard input),
                        or the TETHER_TOKEN environment variable
  --help              print this and exit

Open the address the host prints: it carries this launch's key, and the page
cannot reach the host without it.`;

/**
 * Dev default for the data folder: `.tether-data/` in the current directory
 * (gitignored). The browser-mode host is a developer and test tool, so keeping
 * its files next to the checkout makes them easy to find and to wipe; the
 * Electron app uses the OS app-data folder (app.getPath('userData')) instead.
 */
export const DEFAULT_DATA_DIR = '.tether-data';

/** Where the sign-in token comes from: never the command line, which every local user can read (ps). */
export type TokenSource =
  { from: 'environment'; token: string } | { from: 'file'; path: string } | { from: 'stdin' };

export type HostCommand =
  | { help: true }
  | {
      help: false;
      options: Omit<StartHostOptions, 'signIn'>;
      signIn?: { serverUrl: string; token: TokenSource };
    };

const TOKEN_ON_ARGV =
  '--token is not accepted: a token on the command line is visible to every local user. Use --token-file FILE, --token-file - (standard input) or the TETHER_TOKEN environment variable.';

function tokenSource(file: string | undefined, env: NodeJS.ProcessEnv, cwd: string): TokenSource | null {
  if (file === '-') return { from: 'stdin' };
  if (file !== undefined) return { from: 'file', path: resolve(cwd, file) };
  return env.TETHER_TOKEN ? { from: 'environment', token: env.TETHER_TOKEN } : null;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new Error(`Invalid --port ${JSON.stringify(value)}: use a number 0–65535.`);
  }
  return Number(value);
}

/** Turns CLI flags (and TETHER_TOKEN / TETHER_BRIDGE_KEY) into what to run; throws a message fit for the terminal. */
export function parseHostArgs(
  argv: string[],
  cwd: string,
  repoRoot: string,
  env: NodeJS.ProcessEnv = {},
): HostCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      'data-dir': { type: 'string' },
      user: { type: 'string' },
      'renderer-dir': { type: 'string' },
      server: { type: 'string' },
      'token-file': { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true };
  if (values.token !== undefined) throw new Error(TOKEN_ON_ARGV);
  const token = tokenSource(values['token-file'], env, cwd);
  if (values.server !== undefined && token === null) {
    throw new Error('--server needs a token: give --token-file FILE (or -) or set TETHER_TOKEN.');
  }
  if (values.server === undefined && values['token-file'] !== undefined) {
    throw new Error('--token-file goes with --server: give both to sign in, or neither.');
  }
  const options: Omit<StartHostOptions, 'signIn'> = {
    port: parsePort(values.port),
    host: values.host ?? DEFAULT_HOST,
    allowRemote: values['allow-remote'] ?? false,
    dataDir: resolve(cwd, values['data-dir'] ?? DEFAULT_DATA_DIR),
    // Relative to the cwd when given; the checkout's build otherwise, wherever the CLI is started from.
    rendererDir: values['renderer-dir']
      ? resolve(cwd, values['renderer-dir'])
      : resolve(repoRoot, 'dist/renderer'),
    userName: values.user,
    ...(env.TETHER_BRIDGE_KEY ? { bridgeKey: env.TETHER_BRIDGE_KEY } : {}),
  };
  if (values.server === undefined || token === null) return { help: false, options };
  return { help: false, options, signIn: { serverUrl: values.server, token } };
}
