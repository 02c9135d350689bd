import type { AppInfo, Handlers } from '../src-shared/bridge/contract.js';
import { createEventHub, type EventHub } from './events/event-hub.js';
import { createHandlers } from './handlers/index.js';
import { loadIdentity, type Identity } from './identity/identity.js';
import { createConnectionService, type ConnectionService } from './remote/connection-service.js';
import { hostSecretStore, type SecretStore } from './remote/secret-store.js';
import { createStatusService, type StatusService } from './status/status-service.js';

export interface MainCoreOptions {
  /** Where main keeps its own files (instance.json, window state, later credentials). */
  dataDir: string;
  /** Overrides the OS user name (the `--user` flag). */
  userName?: string;
  shell: AppInfo['shell'];
  version: string;
  /** Where the server token is kept; default `<dataDir>/credentials.json` (0600). Electron passes an encrypted one. */
  secretStore?: SecretStore;
}

/** Main's services and the bridge handlers over them: the same for Electron and the headless host. */
export interface MainCore {
  info: AppInfo;
  identity: Identity;
  status: StatusService;
  events: EventHub;
  /** The server connection and the remote client (all server I/O). */
  connection: ConnectionService;
  handlers: Handlers;
  dispose(): void;
}

export async function createMainCore(opts: MainCoreOptions): Promise<MainCore> {
  const identity = await loadIdentity(opts.dataDir, opts.userName);
  const info: AppInfo = { version: opts.version, shell: opts.shell, dataDir: opts.dataDir, ...identity };
  const events = createEventHub();
  const status = createStatusService({ serverConfigured: false });
  const stopForwarding = status.onChange((next) => events.emit('status.changed', next));
  const connection = await createConnectionService({
    store: opts.secretStore ?? hostSecretStore(opts.dataDir),
    status,
    localUserName: identity.userName,
    onInfo: (next) => events.emit('connection.changed', next),
    onRemoteChanged: (changed) => events.emit('remote.changed', changed),
  });
  return {
    info,
    identity,
    status,
    events,
    connection,
    handlers: createHandlers({ info, status, connection }),
    dispose: () => {
      connection.dispose();
      stopForwarding();
    },
  };
}
