import type {
  ConnectionCredentials,
  ConnectionInfo,
  ConnectionTestResult,
  RemoteChanged,
} from '../../src-shared/bridge/connection.js';
import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { StatusService } from '../status/status-service.js';
import {
  startConnectionMonitor,
  verdictOf,
  type ConnectionMonitor,
  type MonitorVerdict,
} from './connection-monitor.js';
import { RemoteClient, type Endpoint } from './remote-client.js';
import type { Credentials, SecretStore } from './secret-store.js';

export interface ConnectionServiceOptions {
  store: SecretStore;
  status: StatusService;
  /** The local profile's user: a token for anyone else is refused. */
  localUserName: string;
  onInfo(info: ConnectionInfo): void;
  onRemoteChanged(changed: RemoteChanged): void;
  timeoutMs?: number;
  heartbeatMs?: number;
  streamMinDelayMs?: number;
  streamMaxDelayMs?: number;
  now?: () => number;
  /** Start paused (travel mode was on when the app last quit): not one request, not even the first. */
  paused?: boolean;
}

export interface ConnectionService {
  /** Every server request of the app goes through this client. */
  readonly client: RemoteClient;
  get(): ConnectionInfo;
  test(input: ConnectionCredentials): Promise<ConnectionTestResult>;
  set(input: ConnectionCredentials): Promise<ConnectionInfo>;
  signOut(): Promise<ConnectionInfo>;
  /** The OS reports a network change or wake-up: re-check at once. */
  checkNow(): void;
  /** Travel mode: no request and no live stream while paused. */
  setPaused(on: boolean): void;
  dispose(): void;
}

const noServer: ConnectionInfo = {
  serverUrl: null,
  userName: null,
  state: 'none',
  lastError: null,
  checkedAt: null,
};

/** Travel mode promises no network use: a test or sign-in waits until it is off. */
export const TRAVEL_MODE_REFUSAL =
  'Travel mode is on, so Tether uses no network. Turn it off to test or connect.';

/** `https://host/` and `https://host` are the same server. */
export const normalizeServerUrl = (url: string) => url.trim().replace(/\/+$/, '');

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Owns the server connection: the stored credentials, the remote client, the
 * live stream and the online verdict, and keeps the status service and the
 * renderer (`connection.changed`) told. Sign-in checks the token against
 * GET /v1/me before anything is stored.
 */
export async function createConnectionService(opts: ConnectionServiceOptions): Promise<ConnectionService> {
  const now = opts.now ?? Date.now;
  let credentials: Credentials | null = await opts.store.get();
  let info: ConnectionInfo = noServer;
  let monitor: ConnectionMonitor | null = null;
  const endpoint = (): Endpoint | null => credentials;
  const client = new RemoteClient({
    endpoint,
    timeoutMs: opts.timeoutMs,
    onFailure: (err) => {
      // A refused token is final until the user acts; a network failure just means "check now".
      // A 403 naming one op refuses that op (the queue shows it), not the account.
      const aboutAccount =
        err.code === 'unauthorized' || (err.code === 'forbidden' && err.opId === undefined);
      if (aboutAccount) onVerdict(verdictOf(err));
      else if (err.code === 'offline') monitor?.checkNow();
    },
  });
  client.paused = opts.paused ?? false;

  const publish = (next: ConnectionInfo) => {
    info = next;
    opts.status.setServerConfigured(next.state !== 'none');
    // A refused token is reachable-but-failing: say "Sync failed: …", not "Offline".
    const refused = next.state === 'unauthorized' || next.state === 'forbidden';
    opts.status.setConnectivity({
      online: next.state === 'online' || refused,
      lastError: refused ? next.lastError : null,
    });
    opts.onInfo({ ...next });
  };

  const onVerdict = (verdict: MonitorVerdict) => {
    if (!credentials) return;
    const heard = verdict.state !== 'offline';
    publish({
      serverUrl: credentials.serverUrl,
      userName: credentials.userName,
      state: verdict.state,
      lastError: verdict.lastError,
      checkedAt: heard ? now() : info.checkedAt,
    });
  };

  const startMonitor = () => {
    monitor?.stop();
    monitor = null;
    if (!credentials || client.paused) return;
    monitor = startConnectionMonitor({
      endpoint: { serverUrl: credentials.serverUrl, token: credentials.token },
      onVerdict,
      onChanged: opts.onRemoteChanged,
      heartbeatMs: opts.heartbeatMs,
      minDelayMs: opts.streamMinDelayMs,
      maxDelayMs: opts.streamMaxDelayMs,
    });
  };

  async function whoIs(input: ConnectionCredentials) {
    const probe = new RemoteClient({
      endpoint: () => ({ serverUrl: normalizeServerUrl(input.serverUrl), token: input.token.trim() }),
      timeoutMs: opts.timeoutMs,
    });
    return probe.me();
  }

  if (credentials) {
    // Until the stream answers we do not know; "offline" is the honest start.
    publish({
      ...noServer,
      serverUrl: credentials.serverUrl,
      userName: credentials.userName,
      state: 'offline',
    });
    startMonitor();
  }

  return {
    client,
    get: () => ({ ...info }),
    async test(input) {
      // The probe is its own client, so the paused main client alone would not stop it.
      if (client.paused) return { ok: false, error: TRAVEL_MODE_REFUSAL };
      try {
        const me = await whoIs(input);
        return { ok: true, userName: me.user.name, serverTime: me.serverTime };
      } catch (err) {
        return { ok: false, error: messageOf(err) };
      }
    },
    async set(input) {
      if (client.paused)
        throw new BridgeError({ code: 'offline', message: TRAVEL_MODE_REFUSAL, retryable: false });
      const me = await whoIs(input); // throws the mapped BridgeError; nothing stored yet
      if (me.user.name !== opts.localUserName)
        throw new BridgeError({
          code: 'forbidden',
          message: `This token belongs to '${me.user.name}', but this Tether profile is '${opts.localUserName}'`,
          retryable: false,
        });
      const next: Credentials = {
        serverUrl: normalizeServerUrl(input.serverUrl),
        token: input.token.trim(),
        userName: me.user.name,
      };
      await opts.store.set(next);
      credentials = next;
      // /v1/me just answered, so the server is reachable right now.
      publish({
        serverUrl: next.serverUrl,
        userName: next.userName,
        state: 'online',
        lastError: null,
        checkedAt: now(),
      });
      startMonitor();
      return { ...info };
    },
    async signOut() {
      monitor?.stop();
      monitor = null;
      await opts.store.clear();
      credentials = null;
      publish(noServer);
      return { ...info };
    },
    checkNow: () => monitor?.checkNow(),
    setPaused(on) {
      client.paused = on;
      if (on) {
        monitor?.stop();
        monitor = null;
      } else startMonitor();
    },
    dispose() {
      monitor?.stop();
      monitor = null;
    },
  };
}
