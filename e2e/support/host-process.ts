import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { spawnUntilReady, stopChild } from './child-process';

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

  constructor(private readonly opts: HostOptions) {}

  async start(): Promise<string> {
    const args = ['--port', String(this.opts.port), '--data-dir', this.opts.dataDir];
    if (this.opts.userName) args.push('--user', this.opts.userName);
    args.push(...(this.opts.extraArgs ?? []));
    const running = await spawnUntilReady({
      entry: 'src-main/host/cli.ts',
      args,
      ready: READY,
      label: 'host',
      ...(this.opts.env ? { env: this.opts.env } : {}),
    });
    this.child = running.child;
    this.url = running.url;
    return this.url;
  }

  /** Stops the host: SIGTERM for a clean stop, SIGKILL to simulate a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    await stopChild(child, signal);
  }
}
