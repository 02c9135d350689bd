import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, chromiumPath } from './chromium';
import { freePort, HostProcess } from './host-process';

/**
 * One person's Tether in browser mode: their own host process and data folder,
 * and their own Chromium profile (the renderer's database lives in its IndexedDB,
 * so reloads and host restarts on the same port keep it).
 */
export class TetherApp {
  host: HostProcess;
  context!: BrowserContext;
  page!: Page;

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly port: number,
    hostArgs: string[] = [],
    token?: string,
  ) {
    this.host = new HostProcess({
      port,
      dataDir: path.join(dir, 'host-data'),
      userName: name,
      extraArgs: hostArgs,
      ...(token !== undefined ? { token } : {}),
    });
  }

  async start(): Promise<void> {
    await this.host.start();
    this.context = await chromium.launchPersistentContext(path.join(this.dir, 'profile'), {
      executablePath: chromiumPath(),
      args: chromiumArgs,
      viewport: { width: 1280, height: 800 },
    });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.open();
  }

  /** Loads the app and waits until the workspace is ready. */
  async open(): Promise<void> {
    await this.page.goto(this.host.url);
    await this.page.getByTestId('app').waitFor({ state: 'attached', timeout: 30_000 });
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.getByTestId('app').waitFor({ state: 'attached', timeout: 30_000 });
  }

  /** Stops the host (and the page with it), starts a new host process on the same port, reopens the page. */
  async restartHost(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.host.stop(signal);
    await this.host.start();
    await this.open();
  }

  async stop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.host.stop();
  }
}

export const test = base.extend<{
  app: TetherApp;
  /** `token` signs the host in with `--server URL` from hostArgs (as TETHER_TOKEN, never on the command line). */
  makeApp: (name: string, hostArgs?: string[], token?: string) => Promise<TetherApp>;
}>({
  // Playwright reads fixture dependencies from this destructuring, so it must be present even when empty.
  // eslint-disable-next-line no-empty-pattern
  makeApp: async ({}, use) => {
    const apps: TetherApp[] = [];
    const dirs: string[] = [];
    await use(async (name: string, hostArgs: string[] = [], token?: string) => {
      const dir = await mkdtemp(path.join(tmpdir(), `tether-e2e-${name}-`));
      dirs.push(dir);
      const app = new TetherApp(name, dir, await freePort(), hostArgs, token);
      apps.push(app);
      await app.start();
      return app;
    });
    await Promise.all(apps.map((a) => a.stop()));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  },
  app: async ({ makeApp }, use) => {
    await use(await makeApp('alice'));
  },
});

/**
 * A test whose `connected(name)` opens that person's Tether signed in to a running server
 * (`--server` and TETHER_TOKEN on the host) and waits until it reports Synced.
 */
export function connectedTest(server: () => { url: string; tokens: Record<string, string> }) {
  return test.extend<{ connected: (name: string) => Promise<TetherApp> }>({
    connected: async ({ makeApp }, use) => {
      await use(async (name) => {
        const { url, tokens } = server();
        const app = await makeApp(name, ['--server', url], tokens[name] ?? '');
        await expect(app.page.getByTestId('status-dot')).toHaveClass(/state-synced/, { timeout: 20_000 });
        return app;
      });
    },
  });
}

export { expect };
