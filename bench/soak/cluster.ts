/**
 * The soak's processes: one sync server (PGlite in a folder, or PostgreSQL),
 * a fault proxy in front of it, and per client a real host process plus a
 * driver process for the renderer side. Hosts and the server can be killed
 * with SIGKILL and started again; everything stays on loopback.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, newBridgeKey } from '../../e2e/support/host-process.js';
import { httpAdmin } from '../../src-server/admin/admin-client.js';
import { startFaultProxy, type FaultProxy, type FaultRates } from '../../src-server/testing/fault-proxy.js';
import { ROOT } from '../../src-server/testing/processes.js';
import type { FromDriver, ToDriver } from './protocol.js';

export interface SoakClient {
  user: string;
  instanceId: string;
  journalPath: string;
  driver: ChildProcess;
  /** SIGKILL the host (a crash), whether it finished starting or not; false when none was running. */
  killHost(): Promise<boolean>;
  /** Starts the host again without waiting: a kill may land while it is still starting. */
  spawnHost(): void;
  /** Starts the host again on its port and data folder, from its saved credentials. */
  restartHost(): Promise<void>;
  /** SIGTERM the host and the driver (the end of the soak). */
  stop(): Promise<void>;
  /** Waits for the driver's next message of this type. */
  request<T extends FromDriver['type']>(
    message: ToDriver,
    answer: T,
    timeoutMs?: number,
  ): Promise<Extract<FromDriver, { type: T }>>;
}

export interface Store {
  /** --data-dir for PGlite, or DATABASE_URL for PostgreSQL. */
  args: string[];
  env: Record<string, string>;
}

export class SoakServer {
  readonly adminToken = `soak-admin-${process.pid}-${Date.now()}`;
  private readonly runner: ChildRunner;
  private up = false;

  constructor(store: Store) {
    this.runner = new ChildRunner(
      'src-server/cli.ts',
      ['--port', '0', '--log-level', 'warn', ...store.args],
      /Tether server listening on (http:\/\/\S+)/,
      { ...store.env, TETHER_ADMIN_TOKEN: this.adminToken },
    );
  }

  get url(): string {
    if (!this.up) throw new Error('the server is down');
    return this.runner.url;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Starts (again); retried, because a restart can race the old process's exit. */
  async start(): Promise<void> {
    await this.runner.startRetrying();
    this.up = true;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.up = false;
    await this.runner.kill(signal);
  }

  /** Users with tokens, all owning `Acme` so every op is approved and visible to all. */
  async users(names: string[]): Promise<Map<string, string>> {
    const admin = httpAdmin(this.url, this.adminToken);
    const tokens = new Map<string, string>();
    for (const name of names) {
      await admin.createUser(name);
      tokens.set(name, (await admin.issueToken(name)).token);
    }
    await admin.setOwners('Acme', names);
    return tokens;
  }
}

export async function startProxy(
  server: SoakServer,
  seed: number,
  rates: Partial<FaultRates>,
): Promise<FaultProxy> {
  return startFaultProxy({ targetPort: server.port, seed, rates });
}

/** A host signed in through the proxy, and its driver, started and ready. */
export async function startClient(opts: {
  user: string;
  index: number;
  token: string;
  proxyUrl: string;
  workDir: string;
  seed: number;
}): Promise<SoakClient> {
  const dataDir = path.join(opts.workDir, `${opts.user}-host`);
  const port = await freePort();
  const signIn = ['--server', opts.proxyUrl]; // first start only; the token is read from TETHER_TOKEN
  const bridgeKey = newBridgeKey();
  const host = new ChildRunner(
    'src-main/host/cli.ts',
    ['--port', String(port), '--data-dir', dataDir, '--user', opts.user],
    /Tether is running at (\S+)/,
    { TETHER_TOKEN: opts.token, TETHER_BRIDGE_KEY: bridgeKey },
  );
  await host.startRetrying(signIn);
  const driver = fork(path.join(ROOT, 'bench/soak/driver.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(driver);
  driver.once('exit', () => children.delete(driver));
  const client: SoakClient = {
    user: opts.user,
    instanceId: `soak-${opts.user}`,
    journalPath: path.join(opts.workDir, `${opts.user}.journal`),
    driver,
    killHost: () => host.kill('SIGKILL'),
    spawnHost: () => void host.start().catch(() => undefined),
    restartHost: () => host.startRetrying(),
    stop: async () => {
      await client.request({ type: 'close' }, 'closed', 30_000).catch(() => driver.kill('SIGKILL'));
      await host.kill('SIGTERM');
    },
    request: (message, answer, timeoutMs = 120_000) => ask(driver, message, answer, timeoutMs),
  };
  await client.request(
    {
      type: 'start',
      user: opts.user,
      hostPort: port,
      bridgeKey,
      instanceId: client.instanceId,
      journalPath: client.journalPath,
      seed: opts.seed + opts.index,
    },
    'ready',
  );
  return client;
}

/** Every child the soak started, so none outlives it, whatever way it ends. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * A TypeScript entry point as one child process (node itself, so a kill
 * reaches it) that can be killed at any moment, also while still starting;
 * a start that times out kills its child, so it cannot hold a lock behind
 * the next attempt.
 */
export class ChildRunner {
  private child: ChildProcess | null = null;
  url = '';

  constructor(
    private readonly entry: string,
    private readonly args: string[],
    private readonly ready: RegExp,
    private readonly env: Record<string, string> = {},
    private readonly timeoutMs = 90_000,
  ) {}

  /** Spawns and resolves on the ready line; rejects (and kills) if it dies or is too slow. */
  start(extra: string[] = []): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', this.entry, ...this.args, ...extra], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${this.entry} did not start within ${this.timeoutMs} ms:\n${output}`));
      }, this.timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = this.ready.exec(output);
        if (!match) return;
        clearTimeout(timer);
        this.url = match[1] ?? '';
        resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.entry} exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
  }

  async startRetrying(extra: string[] = []): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start(extra);
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      }
    }
  }

  /** Kills the current child; false when none was running. */
  async kill(signal: NodeJS.Signals): Promise<boolean> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return false;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    return true;
  }
}

function ask<T extends FromDriver['type']>(
  driver: ChildProcess,
  message: ToDriver,
  answer: T,
  timeoutMs: number,
): Promise<Extract<FromDriver, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`driver gave no "${answer}" within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (reply: FromDriver) => {
      if (reply.type === 'failed') done(new Error(`driver failed: ${reply.error}`));
      else if (reply.type === answer) done(null, reply as Extract<FromDriver, { type: T }>);
    };
    const onExit = (code: number | null) => done(new Error(`driver exited with ${code}`));
    function done(err: Error | null, reply?: Extract<FromDriver, { type: T }>) {
      clearTimeout(timer);
      driver.off('message', onMessage);
      driver.off('exit', onExit);
      if (err) reject(err);
      else resolve(reply as Extract<FromDriver, { type: T }>);
    }
    driver.on('message', onMessage);
    driver.once('exit', onExit);
    driver.send(message);
  });
}
