import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { spawnUntilReady, stopChild } from './child-process';

const READY = /Tether server listening on (http:\/\/\S+)/;

/**
 * The real sync server as its own process (PGlite in `dataDir`), with the
 * admin API on so a test can create users and tokens the way an
 * administrator would.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly adminToken = randomBytes(16).toString('hex');
  url = '';

  constructor(
    private readonly dataDir: string,
    private readonly port = 0,
  ) {}

  async start(): Promise<string> {
    const running = await spawnUntilReady({
      entry: 'src-server/cli.ts',
      args: ['--port', String(this.port), '--data-dir', this.dataDir],
      ready: READY,
      label: 'server',
      env: { TETHER_ADMIN_TOKEN: this.adminToken, LOG_LEVEL: 'warn' },
      // Booting tsx and PGlite took over a minute on a loaded two-core machine.
      timeoutMs: 150_000,
    });
    this.child = running.child;
    this.url = running.url;
    return this.url;
  }

  private async admin(route: string, body: unknown = {}): Promise<unknown> {
    const res = await fetch(new URL(route, this.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`admin ${route} failed (${res.status}): ${JSON.stringify(json)}`);
    return json;
  }

  /** Creates the user and returns a fresh token for them. */
  async userWithToken(name: string): Promise<string> {
    await this.admin('/admin/v1/users', { name });
    const issued = (await this.admin(`/admin/v1/users/${encodeURIComponent(name)}/tokens`)) as {
      token: string;
    };
    return issued.token;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    await stopChild(child);
  }
}
