import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
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
  output = '';

  constructor(
    private readonly dataDir: string,
    private readonly port = 0,
  ) {}

  async start(): Promise<string> {
    const args = [
      '--import',
      'tsx',
      'src-server/cli.ts',
      '--port',
      String(this.port),
      '--data-dir',
      this.dataDir,
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, TETHER_ADMIN_TOKEN: this.adminToken, LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.output}`)), 60_000);
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
        reject(new Error(`server exited with ${code}:\n${this.output}`));
      });
    });
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
    if (!child || child.exitCode !== null) return;
    this.child = null;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
