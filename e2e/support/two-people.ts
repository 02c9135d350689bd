import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { closeToasts } from './actions';
import { connectedTest, expect } from './fixtures';
import { freePort } from './host-process';
import { ServerProcess } from './server-process';
import { startFaultProxy, type FaultProxy } from '../../src-server/testing/fault-proxy';

/**
 * A real sync server (its own process, PGlite) that the hosts reach through a
 * loopback proxy, so a test can take the network away and give it back at
 * once: stopping and starting the server process instead (tsx and PGlite
 * booting again) cost tens of seconds a time on a loaded machine. From the
 * hosts' side a cut network looks exactly like a server that went away:
 * connections refused, the live stream cut.
 */
/** Booting the server (tsx, then PGlite) took over a minute on a loaded two-core machine. */
export const BOOT_TIMEOUT_MS = 180_000;

export class TeamServer {
  private server: ServerProcess | null = null;
  private network: FaultProxy | null = null;
  private dir = '';
  readonly tokens: Record<string, string> = {};

  /** Starts the server with these people; `owners` maps a namespace to its owners. */
  async start(label: string, people: string[], owners: Record<string, string[]>): Promise<void> {
    this.dir = await mkdtemp(path.join(tmpdir(), `tether-e2e-${label}-server-`));
    const port = await freePort();
    this.server = new ServerProcess(this.dir, port);
    await this.server.start();
    this.network = await startFaultProxy({ targetPort: port, seed: 1 });
    for (const name of people) this.tokens[name] = await this.server.userWithToken(name);
    for (const [namespace, names] of Object.entries(owners)) await this.setOwners(namespace, names);
  }

  /** Where the hosts connect: the proxy. */
  get url(): string {
    if (!this.network) throw new Error('The team server is not started (beforeAll)');
    return this.network.url;
  }

  async setOwners(namespace: string, owners: string[]): Promise<void> {
    const server = this.server as ServerProcess;
    const res = await fetch(
      new URL(`/admin/v1/namespaces/${encodeURIComponent(namespace)}/owners`, server.url),
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ owners }),
      },
    );
    if (!res.ok) throw new Error(`setOwners failed (${res.status})`);
  }

  /** Runs `work` with the server out of reach for every host, then gives the network back. */
  async offline(work: () => Promise<void>): Promise<void> {
    const network = this.network as FaultProxy;
    network.setRates({ drop: 1 });
    network.cutAll();
    try {
      await work();
    } finally {
      network.setRates({ drop: 0 });
    }
  }

  async stop(): Promise<void> {
    await this.network?.close();
    await this.server?.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Alice and Bob on one team server, both owners of the Acme namespace.
 * Registers the server's start and stop with the spec, and returns the test
 * (with `connected(name)`) and `offline(work)`, which takes the network away
 * from both while `work` runs.
 */
export function twoPeopleOnOneServer(label: string) {
  const team = new TeamServer();
  const test = connectedTest(() => ({ url: team.url, tokens: team.tokens }));
  test.beforeAll(async () => {
    test.setTimeout(BOOT_TIMEOUT_MS);
    await team.start(label, ['alice', 'bob'], { Acme: ['alice', 'bob'] });
  });
  test.afterAll(async () => {
    await team.stop();
  });
  return { test, offline: (work: () => Promise<void>) => team.offline(work) };
}

/**
 * "Sync now" from the status bar's details; waits for the summary of `branch`.
 * An older summary toast is closed first so it cannot stand in for this one.
 * A sync that fails (the host has not yet seen the network come back) or a
 * click that lands while an automatic sync runs is tried again; a failure
 * shows at once as an error toast, so it costs a second, not the whole wait.
 */
export async function syncNow(page: Page, branch = 'main'): Promise<void> {
  const synced = page.getByTestId('sync-summary').filter({ hasText: `Synced ${branch}` });
  const failed = page.locator('.toast[data-tone="error"]');
  for (let attempt = 1; ; attempt++) {
    await closeToasts(page);
    if (!(await page.getByTestId('status-sync-now').isVisible()))
      await page.getByTestId('status-bar').click();
    await page.getByTestId('status-sync-now').click();
    try {
      await expect(synced.or(failed).first()).toBeVisible({ timeout: 15_000 });
      if (await synced.count()) break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
    if (attempt >= 8) throw new Error(`Sync now did not sync ${branch}: ${await failed.first().innerText()}`);
    await page.waitForTimeout(1_000);
  }
  await page.keyboard.press('Escape');
}

/** Waits until the open item's editor shows `text` (it arrived by sync). */
export async function editorShows(page: Page, text: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('editor-content').innerText(), { timeout: 20_000 })
    .toContain(text);
}

export { expect };

/** A screenshot for docs/screenshots, without the sync toasts over it. */
export async function shot(page: Page, name: string): Promise<void> {
  await closeToasts(page);
  await expect(page.getByTestId('toast-dismiss')).toHaveCount(0);
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}
