import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/bridge/contract.js';

export interface AppMenuOptions {
  isDev: boolean;
  /** Sends a `menu.command` event to the renderer. */
  command(command: MenuCommand): void;
  onQuit(): void;
  /** Help → Open Logs: shows main's log folder in the file manager. */
  openLogs(): void;
}

const isMac = process.platform === 'darwin';

function fileMenu(opts: AppMenuOptions): MenuItemConstructorOptions {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => opts.command(command),
  });
  return {
    label: 'File',
    submenu: [
      item('New Item', 'item.new', 'CmdOrCtrl+N'),
      item('New Namespace', 'namespace.new', 'CmdOrCtrl+Shift+N'),
      item('New Branch', 'branch.new', 'CmdOrCtrl+Shift+B'),
      { type: 'separator' },
      item('Switch Branch…', 'branch.switch', 'CmdOrCtrl+B'),
      item('Settings…', 'settings.open', 'CmdOrCtrl+,'),
      { type: 'separator' },
      item('Sync Now', 'sync.now', 'CmdOrCtrl+Shift+S'),
      item('Travel Mode…', 'travel.open'),
      item('Sync Queue…', 'queue.open', 'CmdOrCtrl+Shift+U'),
      { type: 'separator' },
      // Closing the window hides it to the tray; only Quit ends Tether.
      { role: 'close' },
      ...(isMac ? [] : [{ label: 'Quit', accelerator: 'Ctrl+Q', click: opts.onQuit } as const]),
    ],
  };
}

function viewMenu(opts: AppMenuOptions): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = opts.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return {
    label: 'View',
    submenu: [
      { label: 'Search', accelerator: 'CmdOrCtrl+K', click: () => opts.command('search.focus') },
      { label: 'Toggle Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => opts.command('theme.toggle') },
      { type: 'separator' },
      ...dev,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

/** Help: where to look when something went wrong (main's rotating log files). */
function helpMenu(opts: AppMenuOptions): MenuItemConstructorOptions {
  return { role: 'help', submenu: [{ label: 'Open Logs', click: () => opts.openLogs() }] };
}

/** The application menu; its commands reach the renderer as `menu.command` events. */
export function buildAppMenu(opts: AppMenuOptions): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    fileMenu(opts),
    { role: 'editMenu' },
    viewMenu(opts),
    { role: 'windowMenu' },
    helpMenu(opts),
  ];
  return Menu.buildFromTemplate(template);
}
