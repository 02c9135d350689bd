import { app, dialog, Menu, net, powerMonitor, shell, type BrowserWindow } from 'electron';
import { resolve } from 'node:path';
import { createMainCore } from '../core.js';
import { parseShellArgs } from '../shell/args.js';
import { registerBridgeIpc } from './ipc.js';
import { saveDialogSaver } from './save-dialog.js';
import { folderDialogPicker } from './folder-dialog.js';
import { electronForgeTokenStore, electronSecretStore } from './secret-store.js';
import { buildAppMenu } from './menu.js';
import { appPaths } from './paths.js';
import { secureContents, secureSession } from './security.js';
import { createAppTray } from './tray.js';
import { trayFolderLine } from '../shell/tray-view.js';
import { electronNotifier } from './notifier.js';
import { createMainWindow, revealWindow } from './window.js';
import { loadWindowState, trackWindowState } from './window-state.js';

/**
 * Electron entry (bundled to dist/electron/main.cjs). Main's data folder is
 * Electron's userData (the OS app-data folder), or --data-dir when given.
 */
const args = parseShellArgs(process.argv);
// Before the lock: the single-instance lock is scoped to the userData folder.
if (args.dataDir) app.setPath('userData', resolve(args.dataDir));

let quitting = false;
let mainWindow: BrowserWindow | null = null;
/** The core, for callbacks handed to it while it is being made. */
let lateCore: Awaited<ReturnType<typeof createMainCore>> | null = null;

async function start(): Promise<void> {
  const paths = appPaths();
  app.on('web-contents-created', (_event, contents) => secureContents(contents, paths.rendererUrl));
  app.on('second-instance', () => revealWindow(mainWindow));
  app.on('activate', () => revealWindow(mainWindow));
  app.on('before-quit', () => {
    quitting = true;
  });
  // Hidden to the tray is not "closed": keep running until the user quits.
  app.on('window-all-closed', () => undefined);
  await app.whenReady();

  secureSession();
  const userData = app.getPath('userData');
  const core = await createMainCore({
    dataDir: userData,
    userName: args.userName,
    shell: 'electron',
    version: app.getVersion(),
    secretStore: electronSecretStore(userData),
    forgeTokens: electronForgeTokenStore(userData),
    saveFile: saveDialogSaver(() => mainWindow),
    pickFolder: folderDialogPicker(() => mainWindow),
    notifier: electronNotifier({
      reveal: () => revealWindow(mainWindow),
      onAction: (action) => lateCore?.events.emit('notify.action', action),
    }),
  });
  lateCore = core;
  // The OS network signal: Electron has no event for it, so look every few seconds (cheap, no I/O).
  const netTimer = setInterval(() => core.network.report('os', net.isOnline()), 3_000);
  app.on('will-quit', () => clearInterval(netTimer));
  // Pending folder exports are written before quitting (at most 3 s).
  let mirrorFlushed = false;
  app.on('will-quit', (event) => {
    if (mirrorFlushed) return;
    event.preventDefault();
    mirrorFlushed = true;
    void core.mirror.dispose(3_000).finally(() => app.quit());
  });
  // After sleep the live stream is likely dead: check the server at once instead of after a backoff.
  powerMonitor.on('resume', () => core.connection.checkNow());
  const quit = () => app.quit();
  // The bridge is served before the page starts loading, so its first call finds a handler.
  registerBridgeIpc({
    handlers: core.handlers,
    events: core.events,
    getWindow: () => mainWindow,
    rendererUrl: paths.rendererUrl,
  });
  mainWindow = createMainWindow({ paths, state: loadWindowState(userData), isQuitting: () => quitting });
  trackWindowState(mainWindow, userData);
  const tray = createAppTray(
    {
      iconDir: paths.trayIconDir,
      onOpen: () => revealWindow(mainWindow),
      onQuit: quit,
      onSyncNow: () => core.events.emit('menu.command', 'sync.now'),
      onTravel: () => {
        // Off is one click; on asks which namespaces to keep, in the window.
        if (core.syncSettings.get().travelMode) void core.syncSettings.setTravel({ on: false });
        else {
          revealWindow(mainWindow);
          core.events.emit('menu.command', 'travel.open');
        }
      },
    },
    core.status.get(),
  );
  core.status.onChange((status) => tray.update(status));
  tray.setFolderLine(trayFolderLine(core.mirror.status()));
  core.mirror.onStatus((status) => tray.setFolderLine(trayFolderLine(status)));
  Menu.setApplicationMenu(
    buildAppMenu({
      isDev: !app.isPackaged,
      command: (command) => {
        // On macOS the menu bar stays while the window is hidden: show what the command opens.
        revealWindow(mainWindow);
        core.events.emit('menu.command', command);
      },
      onQuit: quit,
      // openPath answers with an error text instead of throwing; the log is where it belongs.
      openLogs: () =>
        void shell.openPath(core.log.dir).then((error) => {
          if (error)
            core.log.logger.warn({ detail: error }, 'Help → Open Logs could not open the log folder');
        }),
    }),
  );
}

if (!app.requestSingleInstanceLock()) {
  // Another Tether owns this data folder; it has been told to show its window.
  app.quit();
} else {
  start().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    dialog.showErrorBox('Tether could not start', message);
    app.exit(1);
  });
}
