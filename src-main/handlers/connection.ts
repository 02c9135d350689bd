import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { ConnectionService } from '../remote/connection-service.js';

/** Travel mode is refused in the service itself (test and set included), so no caller can get around it. */
export function createConnectionHandlers(
  connection: ConnectionService,
): HandlerMap<'connection.get' | 'connection.test' | 'connection.set' | 'connection.signOut'> {
  return {
    'connection.get': async () => connection.get(),
    'connection.test': async (input) => connection.test(input),
    'connection.set': async (input) => connection.set(input),
    'connection.signOut': () => connection.signOut(),
  };
}
