import { parseArgs } from 'node:util';

export interface ShellArgs {
  /** `--user NAME`: overrides the OS user name (two people, one machine; e2e tests). */
  userName?: string;
  /** `--data-dir DIR`: overrides Electron's userData folder (also scopes the single-instance lock). */
  dataDir?: string;
}

/**
 * Reads Tether's own flags from the Electron command line. Lenient on purpose:
 * Electron and Chromium put their own switches and the app path in argv too.
 */
export function parseShellArgs(argv: string[]): ShellArgs {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: { user: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return { userName: text(values.user), dataDir: text(values['data-dir']) };
}
