// pino-roll ships no types: the reference brings ours into every program that imports this file (tests too).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pino-roll.d.ts" />
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import type { ReportProblem } from '../../src-shared/bridge/dispatch.js';

export const LOGS_FOLDER = 'logs';
/** tether.1.log, tether.2.log, …: a new file past 5 MB, the four before it kept (at most 25 MB). */
const ROLL = { size: '5m', limit: { count: 4 } } as const;

export interface MainLog {
  logger: Logger;
  /** The folder the files are in (Help → Open Logs). */
  dir: string;
  /** A bridge call refused or failed: the detail the caller was not shown. */
  bridgeProblem: ReportProblem;
  close(): Promise<void>;
}

const LEVEL_NAMES: Record<number, string> = { 40: 'warning', 50: 'error', 60: 'fatal' };

/** One log line as a person reads it in a terminal: level, message, then any detail. */
function echoLine(line: string): void {
  const entry = JSON.parse(line) as {
    level: number;
    msg?: string;
    detail?: unknown;
    err?: { stack?: string };
  };
  const detail = entry.err?.stack ?? entry.detail;
  const tail = detail === undefined ? '' : `\n  ${String(detail).replaceAll('\n', '\n  ')}`;
  process.stderr.write(`Tether ${LEVEL_NAMES[entry.level] ?? 'log'}: ${entry.msg ?? ''}${tail}\n`);
}

export interface MainLogOptions {
  /** Also print warnings and errors on stderr (the headless host, dev runs); default true. */
  echo?: boolean;
  /** When a file is full and the next one starts (pino-roll's size: '5m', '64k'); tests make it small. */
  fileSize?: string;
}

/**
 * Main's rotating log file in `<dataDir>/logs/`: what used to go to a console
 * nobody sees in a packaged app. Writes are synchronous (the volume is small
 * and a crash right after an error must not lose the line that explains it).
 */
export async function openMainLog(dataDir: string, opts: MainLogOptions = {}): Promise<MainLog> {
  const dir = join(dataDir, LOGS_FOLDER);
  const file = await pinoRoll({
    file: join(dir, 'tether'),
    extension: '.log',
    mkdir: true,
    sync: true,
    ...ROLL,
    size: opts.fileSize ?? ROLL.size,
  });
  const streams: pino.StreamEntry[] = [{ level: 'info', stream: file }];
  if (opts.echo ?? true) streams.push({ level: 'warn', stream: { write: echoLine } });
  const logger = pino(
    { level: 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.multistream(streams),
  );
  const bridge = logger.child({ from: 'bridge' });
  return {
    logger,
    dir,
    bridgeProblem: ({ method, code, detail }) =>
      bridge.warn({ method, code, detail }, 'a bridge call was refused'),
    close: () =>
      new Promise<void>((done) => {
        file.once('close', done);
        file.end();
      }),
  };
}
