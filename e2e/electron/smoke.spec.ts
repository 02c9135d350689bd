import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreloadApi } from '../../src-shared/bridge/preload-api.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) — skipping _electron smoke tests';

/** The binary electron's own index.js would use — found without requiring it (that would start a download). */
function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const hasElectron = binary !== null;
if (!hasElectron) console.log(SKIP_REASON);

/** window.tether as the page sees it. */
type PageWithBridge = Window & { tether?: PreloadApi };

test.describe('Electron shell', () => {
  test.skip(!hasElectron, SKIP_REASON);

  let app: ElectronApplication;
  let dataDir: string;
  const launchArgs = () => [ROOT, `--data-dir=${dataDir}`, '--user=e2e-user'];

  test.beforeAll(() => {
    // main.cjs and preload.cjs must match the sources under test; the renderer is built by test:e2e.
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', '--config', 'vite.electron.config.ts'], { cwd: ROOT });
    if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
      execFileSync(process.execPath, [vite, 'build', '--config', 'vite.renderer.config.ts'], { cwd: ROOT });
    }
  });

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tether-electron-'));
    const env = { ...process.env } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({ executablePath: binary!, args: launchArgs(), env });
  });

  test.afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one window titled Tether; the page gets only the bridge (isolated, sandboxed, no Node)', async () => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.title()).toMatch(/^Tether/);
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
    // The page sees only the two bridge functions: no require, no process, no ipcRenderer.
    const exposed = await page.evaluate(() => ({
      keys: Object.keys((window as PageWithBridge).tether ?? {}).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ keys: ['call', 'on'], require: 'undefined', process: 'undefined' });
  });

  test('answers app.getInfo over the bridge, and refuses bad params', async () => {
    const page = await app.firstWindow();
    await page.waitForFunction(() => (window as PageWithBridge).tether !== undefined);
    const info = await page.evaluate(() => (window as PageWithBridge).tether!.call('app.getInfo'));
    expect(info).toMatchObject({ ok: true, result: { shell: 'electron', userName: 'e2e-user', dataDir } });
    const bad = await page.evaluate(() =>
      (window as PageWithBridge).tether!.call('status.report', { queueSize: -1 }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  test('closing the window hides it to the tray; the app keeps running', async () => {
    await app.firstWindow();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => {
          const win = BrowserWindow.getAllWindows()[0];
          return win ? { destroyed: win.isDestroyed(), visible: win.isVisible() } : null;
        }),
      )
      .toEqual({ destroyed: false, visible: false });
  });

  test('a second launch exits and brings the first window back', async () => {
    await app.firstWindow();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    const second = spawn(binary!, launchArgs(), { stdio: 'ignore' });
    const code = await new Promise<number | null>((done) => second.once('exit', done));
    expect(code).toBe(0);
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())),
      )
      .toEqual([true]);
  });
});
