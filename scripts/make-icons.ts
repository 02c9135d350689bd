/**
 * `npm run icons`: renders the SVG sources in assets/ to the PNGs the app and
 * the installers use. The PNGs are committed; run this after editing an SVG.
 *
 *   assets/icon.svg        -> assets/icon.png (1024) and assets/icons/NxN.png (Linux sizes)
 *   assets/tray/<state>.svg -> assets/tray/<state>.png (16) + @2x, <state>-32.png (32) + @2x
 *
 * Rendering is a screenshot of the SVG in the system Chromium on a transparent
 * page, so what we see is what a browser draws — no extra image library.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const assets = fileURLToPath(new URL('../assets/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const APP_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

async function render(page: Page, svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">` +
      `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.waitForFunction(() => document.images[0]?.complete === true);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

async function renderTo(page: Page, svg: string, size: number, file: string): Promise<void> {
  await writeFile(file, await render(page, svg, size));
  console.log(`  ${file.slice(assets.length)} (${size}x${size})`);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const icon = await readFile(join(assets, 'icon.svg'), 'utf8');
    console.log('App icon:');
    await renderTo(page, icon, 1024, join(assets, 'icon.png'));
    for (const size of APP_SIZES)
      await renderTo(page, icon, size, join(assets, 'icons', `${size}x${size}.png`));

    console.log('Tray icons:');
    const trayDir = join(assets, 'tray');
    for (const file of (await readdir(trayDir)).filter((f) => f.endsWith('.svg')).sort()) {
      const svg = await readFile(join(trayDir, file), 'utf8');
      const state = basename(file, '.svg');
      await renderTo(page, svg, 16, join(trayDir, `${state}.png`));
      await renderTo(page, svg, 32, join(trayDir, `${state}@2x.png`));
      await renderTo(page, svg, 32, join(trayDir, `${state}-32.png`));
      await renderTo(page, svg, 64, join(trayDir, `${state}-32@2x.png`));
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
