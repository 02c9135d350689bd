import type { AppInfo, Handlers } from '../src-shared/bridge/contract.js';
import { createEventHub, type EventHub } from './events/event-hub.js';
import { createHandlers } from './handlers/index.js';
import { loadIdentity, type Identity } from './identity/identity.js';
import { createStatusService, type StatusService } from './status/status-service.js';

export interface MainCoreOptions {
  /** Where main keeps its own files (instance.json, window state, later credentials). */
  dataDir: string;
  /** Overrides the OS user name (the `--user` flag). */
  userName?: string;
  shell: AppInfo['shell'];
  version: string;
}

/** Main's services and the bridge handlers over them: the same for Electron and the headless host. */
export interface MainCore {
  info: AppInfo;
  identity: Identity;
  status: StatusService;
  events: EventHub;
  handlers: Handlers;
  dispose(): void;
}

export async function createMainCore(opts: MainCoreOptions): Promise<MainCore> {
  const identity = await loadIdentity(opts.dataDir, opts.userName);
  const info: AppInfo = { version: opts.version, shell: opts.shell, dataDir: opts.dataDir, ...identity };
  const events = createEventHub();
  const status = createStatusService({ serverConfigured: false });
  const stopForwarding = status.onChange((next) => events.emit('status.changed', next));
  return {
    info,
    identity,
    status,
    events,
    handlers: createHandlers({ info, status }),
    dispose: stopForwarding,
  };
}
