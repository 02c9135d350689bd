import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { closeToasts } from './actions';
import { connectedTest, expect } from './fixtures';
import { freePort } from './host-process';
import { ServerProcess } from './server-process';

/**
 * Alice and Bob on one real sync server (its own process, PGlite), both
 * owners of the Acme namespace. Registers the server's start and stop with
 * the spec, and returns the test (with `connected(name)`) and the server, so
 * a spec can take the server away to make both work offline.
 */
export function twoPeopleOnOneServer(label: string) {
  const state: { server: ServerProcess | null; dir: string; tokens: Record<string, string> } = {
    server: null,
    dir: '',
    tokens: {},
  };
  const server = () => {
    if (!state.server) throw new Error('The server is not started (beforeAll)');
    return state.server;
  };
  const test = connectedTest(() => ({ url: server().url, tokens: state.tokens }));
  test.beforeAll(async () => {
    state.dir = await mkdtemp(path.join(tmpdir(), `tether-e2e-${label}-server-`));
    state.server = new ServerProcess(state.dir, await freePort());
    await state.server.start();
    state.tokens.alice = await state.server.userWithToken('alice');
    state.tokens.bob = await state.server.userWithToken('bob');
    const res = await fetch(new URL('/admin/v1/namespaces/Acme/owners', state.server.url), {
      method: 'PUT',
      headers: { authorization: `Bearer ${state.server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owners: ['alice', 'bob'] }),
    });
    if (!res.ok) throw new Error(`setOwners failed (${res.status})`);
  });
  test.afterAll(async () => {
    await state.server?.stop();
    if (state.dir) await rm(state.dir, { recursive: true, force: true });
  });
  /** Runs `work` with the server away (both people offline), then brings it back. */
  const offline = async (work: () => Promise<void>) => {
    await server().stop();
    try {
      await work();
    } finally {
      await server().start();
    }
  };
  return { test, server, offline };
}

/**
 * "Sync now" from the status bar's details; waits for the summary of `branch`.
 * An older summary toast is closed first so it cannot stand in for this one;
 * a click that lands while an automatic sync runs is tried again.
 */
export async function syncNow(page: Page, branch = 'main'): Promise<void> {
  const toast = page.getByTestId('sync-summary');
  for (let attempt = 1; ; attempt++) {
    await closeToasts(page);
    if (!(await page.getByTestId('status-sync-now').isVisible()))
      await page.getByTestId('status-bar').click();
    await page.getByTestId('status-sync-now').click();
    try {
      await expect(toast.last()).toContainText(`Synced ${branch}`, { timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
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
