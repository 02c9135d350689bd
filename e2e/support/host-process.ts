import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const READY = /Tether is running at (http:\/\/\S+)/;

/** A free TCP port on loopback (the host must come back on the same one: IndexedDB is per origin). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface HostOptions {
  port: number;
  dataDir: string;
  userName?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
}

/** The real headless host as its own process, the way `npm start` runs it in browser mode. */
export class HostProcess {
  private child: ChildProcess | null = null;
  url = '';
  output = '';

  constructor(private readonly opts: HostOptions) {}

  async start(): Promise<string> {
    // node itself (not npx) so that a kill reaches the host and not a wrapper process.
    const args = [
      '--import',
      'tsx',
      'src-main/host/cli.ts',
      '--port',
      String(this.opts.port),
      '--data-dir',
      this.opts.dataDir,
    ];
    if (this.opts.userName) args.push('--user', this.opts.userName);
    args.push(...(this.opts.extraArgs ?? []));
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...this.opts.env },
      stdio: 'pipe',
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${this.output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const m = READY.exec(this.output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited with ${code}:\n${this.output}`));
      });
    });
    return this.url;
  }

  /** Stops the host: SIGTERM for a clean stop, SIGKILL to simulate a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
