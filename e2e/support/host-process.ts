import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { spawnUntilReady, stopChild } from './child-process';
import { E2E_RENDERER_DIR } from './e2e-build';

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

/** A bridge key for a host the launcher restarts: its renderer side keeps it, as a tab keeps its page. */
export const newBridgeKey = (): string => randomBytes(32).toString('base64url');

export interface HostOptions {
  port: number;
  dataDir: string;
  userName?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
  /** With `--server URL` in extraArgs: the token to sign in with (sent as TETHER_TOKEN, never on the command line). */
  token?: string;
  /** A bridge key kept across restarts (TETHER_BRIDGE_KEY), for a renderer side that outlives the host; otherwise each start makes its own. */
  bridgeKey?: string;
}

/**
 * The real headless host as its own process, the way `npm start` runs it in
 * browser mode; it serves the e2e renderer (dist/renderer-e2e) unless
 * extraArgs name another `--renderer-dir`.
 */
export class HostProcess {
  private child: ChildProcess | null = null;
  /** The address the host printed: open it (it holds this launch's key). Empty until started. */
  url = '';

  constructor(private readonly opts: HostOptions) {}

  async start(): Promise<string> {
    const args = ['--port', String(this.opts.port), '--data-dir', this.opts.dataDir];
    if (this.opts.userName) args.push('--user', this.opts.userName);
    const extra = this.opts.extraArgs ?? [];
    if (!extra.includes('--renderer-dir')) args.push('--renderer-dir', E2E_RENDERER_DIR);
    args.push(...extra);
    const env: Record<string, string> = { ...this.opts.env };
    if (this.opts.token !== undefined) env.TETHER_TOKEN = this.opts.token;
    if (this.opts.bridgeKey !== undefined) env.TETHER_BRIDGE_KEY = this.opts.bridgeKey;
    this.url = '';
    const running = await spawnUntilReady({
      entry: 'src-main/host/cli.ts',
      args,
      ready: READY,
      label: 'host',
      env,
    });
    this.child = running.child;
    this.url = running.url;
    return this.url;
  }

  /** This launch's bridge key, from the printed address (empty until started). */
  get bridgeKey(): string {
    return this.url ? (new URL(this.url).searchParams.get('key') ?? '') : '';
  }

  /** Stops the host: SIGTERM for a clean stop, SIGKILL to simulate a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    await stopChild(child, signal);
  }
}
