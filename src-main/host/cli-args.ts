import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, type StartHostOptions } from './start-host.js';

export const USAGE =
  'Usage: tsx src-main/host/cli.ts [--port 4477] [--host 127.0.0.1] [--data-dir DIR] [--user NAME] [--renderer-dir dist/renderer] [--server URL --token TOKEN]';

/**
 * Dev default for the data folder: `.tether-data/` in the current directory
 * (gitignored). The browser-mode host is a developer and test tool, so keeping
 * its files next to the checkout makes them easy to find and to wipe; the
 * Electron app uses the OS app-data folder (app.getPath('userData')) instead.
 */
export const DEFAULT_DATA_DIR = '.tether-data';

/** Turns CLI flags into startHost options; throws a message fit for the terminal on bad input. */
export function parseHostArgs(argv: string[], cwd: string, repoRoot: string): StartHostOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      user: { type: 'string' },
      'renderer-dir': { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
    },
  });
  if ((values.server === undefined) !== (values.token === undefined)) {
    throw new Error('--server and --token go together: give both to sign in, or neither.');
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? String(DEFAULT_PORT)) || port > 65535) {
    throw new Error(`Invalid --port ${JSON.stringify(values.port)}: use a number 0–65535.`);
  }
  return {
    port,
    host: values.host ?? DEFAULT_HOST,
    dataDir: resolve(cwd, values['data-dir'] ?? DEFAULT_DATA_DIR),
    // Relative to the cwd when given; the checkout's build otherwise, wherever the CLI is started from.
    rendererDir: values['renderer-dir']
      ? resolve(cwd, values['renderer-dir'])
      : resolve(repoRoot, 'dist/renderer'),
    userName: values.user,
    ...(values.server !== undefined && values.token !== undefined
      ? { signIn: { serverUrl: values.server, token: values.token } }
      : {}),
  };
}
