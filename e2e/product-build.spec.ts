import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_RENDERER_DIR, PRODUCT_RENDERER_DIR } from './support/e2e-build';

/** The e2e hook's marks: its global and its pretend peer's instance id. */
const HOOK_MARKERS = ['__tetherE2E', 'e2e-peer-0001'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function filesWith(dir: string, marker: string): string[] {
  return filesUnder(dir).filter((file) => readFileSync(file, 'utf8').includes(marker));
}

test('the product renderer build holds no test hook; the e2e build does', () => {
  for (const dir of [PRODUCT_RENDERER_DIR, E2E_RENDERER_DIR]) {
    expect(existsSync(path.join(dir, 'index.html')), `${dir} is built (npm run test:e2e builds both)`).toBe(
      true,
    );
  }
  for (const marker of HOOK_MARKERS) {
    // Source maps included: they carry the sources of everything bundled.
    expect(filesWith(PRODUCT_RENDERER_DIR, marker), `${marker} in dist/renderer`).toEqual([]);
    // The same search finds the hook where it is meant to be, so an empty result above means something.
    expect(filesWith(E2E_RENDERER_DIR, marker).length, `${marker} in dist/renderer-e2e`).toBeGreaterThan(0);
  }
});
