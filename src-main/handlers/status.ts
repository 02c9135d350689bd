import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { StatusService } from '../status/status-service.js';

export function createStatusHandlers(status: StatusService): HandlerMap<'status.get' | 'status.report'> {
  return {
    'status.get': async () => status.get(),
    // The renderer holds the database, so it is the one that knows queue size and conflicts.
    'status.report': async (local) => {
      status.report(local);
    },
  };
}
