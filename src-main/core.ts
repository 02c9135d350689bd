import { join } from 'node:path';
import type { AppInfo, Handlers } from '../src-shared/bridge/contract.js';
import { reportProblemsOf } from '../src-shared/bridge/dispatch.js';
import { createEventHub, type EventHub } from './events/event-hub.js';
import { createHandlers } from './handlers/index.js';
import { loadIdentity, type Identity } from './identity/identity.js';
import { createConnectionService, type ConnectionService } from './remote/connection-service.js';
import { hostSecretStore, type SecretStore } from './remote/secret-store.js';
import { createStatusService, type StatusService } from './status/status-service.js';
import { exportsFolderSaver, type FileSaver } from './handlers/files.js';
import type { NativeNotifier } from './handlers/sync-settings.js';
import { createNetworkSignal, type NetworkSignal } from './remote/network-signal.js';
import { openMainLog, type MainLog } from './log/main-log.js';
import type { FolderPicker } from './handlers/git.js';
import { hostForgeTokenStore, type ForgeTokenStore } from './links/forge-tokens.js';
import { LinkService } from './links/link-service.js';
import { LinkPushService } from './links/push-service.js';
import { LinkUpstream } from './links/upstream.js';
import { MirrorService } from './mirror/mirror-service.js';
import {
  createSyncSettingsService,
  loadSyncSettings,
  type SyncSettingsService,
} from './sync-settings/sync-settings-service.js';

export interface MainCoreOptions {
  /** Where main keeps its own files (instance.json, window state, later credentials). */
  dataDir: string;
  /** Overrides the OS user name (the `--user` flag). */
  userName?: string;
  shell: AppInfo['shell'];
  version: string;
  /** Where the server token is kept; default `<dataDir>/credentials.json` (0600). Electron passes an encrypted one. */
  secretStore?: SecretStore;
  /** Where forge tokens (linked namespaces' push) are kept, beside the server token; default `<dataDir>/forge-credentials.json`. */
  forgeTokens?: ForgeTokenStore;
  /** Native notifications (Electron); browser mode shows them in the page instead. */
  notifier?: NativeNotifier;
  /** Where exported files go; default `<dataDir>/exports/`. Electron passes a save dialog. */
  saveFile?: FileSaver;
  /** Also print the log's warnings and errors on stderr; default true. */
  logEcho?: boolean;
  /** A folder dialog for Settings → Folder & Git (Electron); browser mode types the path. */
  pickFolder?: FolderPicker;
}

/** Main's services and the bridge handlers over them: the same for Electron and the headless host. */
export interface MainCore {
  info: AppInfo;
  identity: Identity;
  status: StatusService;
  events: EventHub;
  /** The server connection and the remote client (all server I/O). */
  connection: ConnectionService;
  /** Travel mode and the sync strategy, persisted in the data folder. */
  syncSettings: SyncSettingsService;
  /** The OS network signal (navigator.onLine, Electron's net). */
  network: NetworkSignal;
  /** The rotating log file in `<dataDir>/logs/`. */
  log: MainLog;
  /** The folder mirror and its git sync. */
  mirror: MirrorService;
  handlers: Handlers;
  dispose(): void;
}

export async function createMainCore(opts: MainCoreOptions): Promise<MainCore> {
  const log = await openMainLog(opts.dataDir, { echo: opts.logEcho });
  const identity = await loadIdentity(opts.dataDir, opts.userName);
  const info: AppInfo = {
    version: opts.version,
    shell: opts.shell,
    dataDir: opts.dataDir,
    logsDir: log.dir,
    ...identity,
  };
  const events = createEventHub();
  const status = createStatusService({ serverConfigured: false });
  const stopForwarding = status.onChange((next) => events.emit('status.changed', next));
  // Read before the connection starts: travel mode from the last run must hold from the first request.
  const settings = await loadSyncSettings(opts.dataDir, (message) => log.logger.warn(message));
  const connection = await createConnectionService({
    paused: settings.travelMode,
    store: opts.secretStore ?? hostSecretStore(opts.dataDir),
    status,
    localUserName: identity.userName,
    onInfo: (next) => events.emit('connection.changed', next),
    onRemoteChanged: (changed) => events.emit('remote.changed', changed),
  });
  const syncSettings = createSyncSettingsService({
    dataDir: opts.dataDir,
    initial: settings,
    connection,
    status,
  });
  const stopSettings = syncSettings.onChange((next) => events.emit('sync.settingsChanged', next));
  const network = createNetworkSignal(status, connection);
  const notifier = opts.notifier ?? null;
  const mirror = await MirrorService.create({
    dataDir: opts.dataDir,
    userName: identity.userName,
    emit: events.emit,
    travelMode: () => syncSettings.get().travelMode,
  });
  const handlers = createHandlers({
    info,
    status,
    connection,
    syncSettings,
    network,
    notifier,
    saveFile: opts.saveFile ?? exportsFolderSaver(opts.dataDir),
    logger: log.logger,
    mirror,
    pickFolder: opts.pickFolder ?? null,
    links: new LinkService({ dataDir: opts.dataDir, travelMode: () => syncSettings.get().travelMode }),
    linkPush: new LinkPushService({
      dataDir: opts.dataDir,
      // The same object stores as LinkService's (one folder per repository; git's queue is per folder).
      upstream: new LinkUpstream(join(opts.dataDir, 'links', 'repositories')),
      tokens: opts.forgeTokens ?? hostForgeTokenStore(opts.dataDir),
      userName: identity.userName,
      travelMode: () => syncSettings.get().travelMode,
    }),
  });
  reportProblemsOf(handlers, log.bridgeProblem);
  return {
    info,
    identity,
    status,
    events,
    connection,
    syncSettings,
    network,
    log,
    mirror,
    handlers,
    dispose: () => {
      stopSettings();
      void mirror.dispose();
      connection.dispose();
      stopForwarding();
      void log.close();
    },
  };
}
