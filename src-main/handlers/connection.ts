import { BridgeError, type HandlerMap } from '../../src-shared/bridge/contract.js';
import { TRAVEL_MODE_REFUSAL, type ConnectionService } from '../remote/connection-service.js';

export { TRAVEL_MODE_REFUSAL };

export function createConnectionHandlers(
  connection: ConnectionService,
): HandlerMap<'connection.get' | 'connection.test' | 'connection.set' | 'connection.signOut'> {
  // The probe behind test/set is its own client, so the paused main client alone would not stop it.
  const travelling = () => connection.client.paused;
  return {
    'connection.get': async () => connection.get(),
    'connection.test': async (input) =>
      travelling() ? { ok: false, error: TRAVEL_MODE_REFUSAL } : connection.test(input),
    'connection.set': async (input) => {
      if (travelling())
        throw new BridgeError({ code: 'offline', message: TRAVEL_MODE_REFUSAL, retryable: false });
      return connection.set(input);
    },
    'connection.signOut': () => connection.signOut(),
  };
}
