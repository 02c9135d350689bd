import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './child-process';

/** The e2e renderer: the product's renderer plus the tests' hooks (`vite build --mode e2e`). */
export const E2E_RENDERER_DIR = path.join(ROOT, 'dist', 'renderer-e2e');

/** The product build: what `npm run build:renderer` makes and users get. */
export const PRODUCT_RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/** Builds dist/renderer-e2e from the current sources (a few seconds); throws with vite's output on failure. */
export function buildE2eRenderer(): void {
  viteBuild(['--mode', 'e2e']);
}

/** Builds dist/renderer, the product build (the Chromium benches measure what users get). */
export function buildProductRenderer(): void {
  viteBuild([]);
}

function viteBuild(extra: string[]): void {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.renderer.config.ts', ...extra, '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`The renderer build failed:\n${result.stdout}\n${result.stderr}`);
  }
}
