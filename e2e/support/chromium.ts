import { existsSync } from 'node:fs';

/** Flags for Debian's Chromium in a closed sandbox: no network chatter, no GPU, no first-run UI. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with "apt-get install chromium" or set CHROMIUM_PATH`,
    );
  }
  return path;
}
