import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { AppStatus } from '../../src-shared/bridge/status.js';
import { trayIconName, trayTooltip } from '../shell/tray-view.js';

export interface AppTrayOptions {
  /** dist/electron/tray: <state>.png (16 px, with @2x) and <state>-32.png (with @2x). */
  iconDir: string;
  onOpen(): void;
  onQuit(): void;
  /** Sync the current branch now (the renderer runs the sync). */
  onSyncNow(): void;
  /** The travel mode switch: off at once; on asks first which namespaces to keep (a dialog in the window). */
  onTravel(): void;
}

export interface AppTray {
  update(status: AppStatus): void;
  /** The folder mirror's line (trayFolderLine), null without a folder. */
  setFolderLine(line: string | null): void;
  destroy(): void;
}

/** Linux trays draw larger icons and do not pick @2x files; macOS and Windows do. */
function iconFile(dir: string, status: AppStatus): string {
  const name = trayIconName(status.state);
  return join(dir, process.platform === 'linux' ? `${name}-32.png` : `${name}.png`);
}

/**
 * The tray keeps Tether reachable while its window is hidden (the renderer,
 * which holds the database and replication, keeps running until Quit).
 */
export function createAppTray(opts: AppTrayOptions, initial: AppStatus): AppTray {
  let last = initial;
  let folderLine: string | null = null;
  const tray = new Tray(nativeImage.createFromPath(iconFile(opts.iconDir, initial)));
  tray.on('click', opts.onOpen);

  const render = () => {
    if (tray.isDestroyed()) return;
    tray.setImage(nativeImage.createFromPath(iconFile(opts.iconDir, last)));
    tray.setToolTip(trayTooltip(last, Date.now(), folderLine));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: last.message, enabled: false },
        ...(folderLine ? [{ label: folderLine, enabled: false }] : []),
        { type: 'separator' },
        { label: 'Sync Now', enabled: last.serverConfigured && !last.travelMode, click: opts.onSyncNow },
        { label: 'Travel Mode', type: 'checkbox', checked: last.travelMode, click: opts.onTravel },
        { type: 'separator' },
        { label: 'Open Tether', click: opts.onOpen },
        { label: 'Quit Tether', click: opts.onQuit },
      ]),
    );
  };
  render();
  // "last sync 5 min ago" ages even when nothing else changes.
  const ticker = setInterval(render, 60_000);

  return {
    update(status) {
      last = status;
      render();
    },
    setFolderLine(line) {
      if (line === folderLine) return;
      folderLine = line;
      render();
    },
    destroy() {
      clearInterval(ticker);
      tray.destroy();
    },
  };
}
