import { screen, type BrowserWindow } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitToDisplays, parseWindowState, type WindowState } from '../shell/window-state.js';

const FILE = 'window-state.json';

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The saved window state, made to fit the displays attached right now. */
export function loadWindowState(userData: string): WindowState {
  const state = parseWindowState(read(join(userData, FILE)));
  return fitToDisplays(
    state,
    screen.getAllDisplays().map((d) => d.workArea),
  );
}

/** Saves bounds and maximized state as they change (debounced) and when the window closes or hides. */
export function trackWindowState(win: BrowserWindow, userData: string): void {
  const file = join(userData, FILE);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: win.isMaximized() };
    try {
      writeFileSync(file, JSON.stringify(state));
    } catch {
      // Only the window size is lost; not worth interrupting the user.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
  win.on('hide', save);
}
