import type { Logger } from 'pino';
import type { AppInfo, Handlers } from '../../src-shared/bridge/contract.js';
import { createLogHandlers } from '../log/renderer-reports.js';
import type { ConnectionService } from '../remote/connection-service.js';
import type { NetworkSignal } from '../remote/network-signal.js';
import type { StatusService } from '../status/status-service.js';
import type { SyncSettingsService } from '../sync-settings/sync-settings-service.js';
import { createAppHandlers } from './app.js';
import { createApprovalHandlers } from './approvals.js';
import { createConnectionHandlers } from './connection.js';
import { createFileHandlers, type FileSaver } from './files.js';
import { createGitHandlers, type FolderPicker } from './git.js';
import type { MirrorService } from '../mirror/mirror-service.js';
import { createLinkHandlers } from './links.js';
import { createLinkPushHandlers } from './link-push.js';
import type { LinkPushService } from '../links/push-service.js';
import type { LinkService } from '../links/link-service.js';
import { createReleaseHandlers } from './releases.js';
import { createRemoteHandlers } from './remote.js';
import { createStatusHandlers } from './status.js';
import { createSyncSettingsHandlers, type NativeNotifier } from './sync-settings.js';

export interface HandlerDeps {
  info: AppInfo;
  status: StatusService;
  connection: ConnectionService;
  syncSettings: SyncSettingsService;
  network: NetworkSignal;
  notifier: NativeNotifier | null;
  /** Saves exported local work (a dialog in Electron, the exports folder in the host). */
  saveFile: FileSaver;
  /** Main's log: the page's reports are written to it. */
  logger: Logger;
  /** The folder mirror and git sync, and a folder dialog (Electron only). */
  mirror: MirrorService;
  pickFolder: FolderPicker | null;
  /** Linked namespaces' upstream repositories. */
  links: LinkService;
  /** Pushing linked namespaces upstream (directly, or through a fork and a pull request). */
  linkPush: LinkPushService;
}

/** Every bridge method's handler, one map per domain; the type makes a missing one a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps.info),
    ...createStatusHandlers(deps.status),
    ...createConnectionHandlers(deps.connection),
    ...createRemoteHandlers(deps.connection.client),
    ...createSyncSettingsHandlers(deps),
    ...createApprovalHandlers(deps.connection.client),
    ...createFileHandlers(deps.saveFile),
    ...createLogHandlers(deps.logger),
    ...createGitHandlers(deps.mirror, deps.pickFolder),
    ...createReleaseHandlers(deps.connection.client),
    ...createLinkHandlers(deps.links, deps.info.userName),
    ...createLinkPushHandlers(deps.linkPush),
  };
}
