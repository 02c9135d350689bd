import type { AppInfo, Handlers } from '../../src-shared/bridge/contract.js';
import type { ConnectionService } from '../remote/connection-service.js';
import type { StatusService } from '../status/status-service.js';
import { createAppHandlers } from './app.js';
import { createConnectionHandlers } from './connection.js';
import { createRemoteHandlers } from './remote.js';
import { createStatusHandlers } from './status.js';

export interface HandlerDeps {
  info: AppInfo;
  status: StatusService;
  connection: ConnectionService;
}

/** Every bridge method's handler, one map per domain; the type makes a missing one a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps.info),
    ...createStatusHandlers(deps.status),
    ...createConnectionHandlers(deps.connection),
    ...createRemoteHandlers(deps.connection.client),
  };
}
