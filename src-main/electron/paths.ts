import { app } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the built pieces are, from the app root (the checkout in dev, the asar
 * when packaged): both ship the same dist/ layout, so there is one code path.
 */
export function appPaths() {
  const root = app.getAppPath();
  const rendererIndex = join(root, 'dist', 'renderer', 'index.html');
  return {
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    trayIconDir: join(root, 'dist', 'electron', 'tray'),
    windowIcon: join(root, 'dist', 'electron', 'icon.png'),
  };
}
export type AppPaths = ReturnType<typeof appPaths>;
