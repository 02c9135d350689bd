import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { ConnectionService } from '../remote/connection-service.js';

export function createConnectionHandlers(
  connection: ConnectionService,
): HandlerMap<'connection.get' | 'connection.test' | 'connection.set' | 'connection.signOut'> {
  return {
    'connection.get': async () => connection.get(),
    'connection.test': (input) => connection.test(input),
    'connection.set': (input) => connection.set(input),
    'connection.signOut': () => connection.signOut(),
  };
}
