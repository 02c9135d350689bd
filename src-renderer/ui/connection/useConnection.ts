import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../../src-shared/bridge/index.js';
import { useServices } from '../../state/workspace-store.js';
import { logWarning } from '../../log/report.js';

/** Main's view of the server connection, kept current by `connection.changed`. Null until main answers. */
export function useConnection(): ConnectionInfo | null {
  const { bridge } = useServices();
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  useEffect(() => {
    let live = true;
    const off = bridge.on('connection.changed', (next) => setInfo(next));
    bridge.call('connection.get').then(
      (next) => live && setInfo((current) => current ?? next),
      (err: unknown) => logWarning('Could not read the server connection', err),
    );
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return info;
}

export const CONNECTION_STATE_LABELS: Record<ConnectionInfo['state'], string> = {
  none: 'Not connected',
  online: 'Online',
  offline: 'Offline — changes are kept and will sync',
  unauthorized: 'Signed out by the server — the token is no longer valid',
  forbidden: 'Not allowed — the account may be suspended',
};
