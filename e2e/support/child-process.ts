import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningChild {
  child: ChildProcess;
  /** The URL captured by the ready line. */
  url: string;
  /** Everything the process printed so far. */
  output: () => string;
}

/**
 * Starts a TypeScript entry point as its own node process (node itself, not npx, so a kill
 * reaches it) and waits for the line that says it is ready; fails with its output otherwise.
 */
export function spawnUntilReady(opts: {
  entry: string;
  args: string[];
  ready: RegExp;
  label: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<RunningChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry, ...opts.args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: 'pipe',
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      // A process that missed its start deadline must not live on writing into its folder.
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(new Error(`${opts.label} ${why}:\n${output}`));
    };
    const timer = setTimeout(() => fail('did not start'), opts.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = opts.ready.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
  });
}

/** Stops a child: SIGTERM for a clean stop, SIGKILL to simulate a crash. */
export async function stopChild(
  child: ChildProcess | null,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
