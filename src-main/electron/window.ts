import { BrowserWindow } from 'electron';
import type { WindowState } from '../shell/window-state.js';
import type { AppPaths } from './paths.js';

export interface MainWindowOptions {
  paths: AppPaths;
  state: WindowState;
  /** Whether closing should really close (the user chose Quit) or hide to the tray. */
  isQuitting(): boolean;
}

/** The one window. Locked down: isolated, sandboxed, no Node, web security on. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const { state, paths } = opts;
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Tether',
    icon: paths.windowIcon,
    backgroundColor: '#111418',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  // The database and replication live in this page, so closing hides it instead.
  win.on('close', (event) => {
    if (opts.isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  void win.loadFile(paths.rendererIndex);
  return win;
}

/** Brings the window back from the tray (or from behind other windows). */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
