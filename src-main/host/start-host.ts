import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { BRIDGE_KEY_PARAM, BRIDGE_KEY_PATTERN } from '../../src-shared/bridge/launch-key.js';
import { contentSecurityPolicy } from '../csp.js';
import { createMainCore, type MainCore } from '../core.js';
import { attachBridgeSocket } from './bridge-socket.js';
import { hostForUrl, isLoopback, isOneOf, ownHostHeaders, ownOrigins } from './local-names.js';
import { signInAtStart } from './sign-in-at-start.js';
import { createStaticHandler } from './static-files.js';
import { readAppVersion } from './version.js';

/**
 * Fixed on purpose: the renderer's database lives in IndexedDB, which belongs
 * to the page's origin (scheme + host + port). Another port is another origin,
 * and the user's local data would seem to vanish.
 */
export const DEFAULT_PORT = 4477;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartHostOptions {
  /** Default 4477; 0 picks any free port (tests). */
  port?: number;
  /** Default 127.0.0.1: the bridge acts as the signed-in user, so it stays off the network. */
  host?: string;
  /** Needed for a `host` that is not loopback: the user said they want the network to reach it. */
  allowRemote?: boolean;
  /** This launch's bridge key; made at random when not given (a launcher that restarts the host may keep one). */
  bridgeKey?: string;
  /** Where main keeps its files (instance.json, …). */
  dataDir: string;
  /** The built renderer, normally dist/renderer. */
  rendererDir: string;
  /** Overrides the OS user name. */
  userName?: string;
  /** Sign in to a sync server at start (`--server` with a token from a file, stdin or TETHER_TOKEN), checked like connection.set. */
  signIn?: { serverUrl: string; token: string };
}

export interface RunningHost {
  /** The address to open: the host's origin with this launch's key. */
  url: string;
  /** http://host:port, without the key. */
  origin: string;
  bridgeKey: string;
  port: number;
  /** Main's services, for in-process use (tests, later services started with the host). */
  core: MainCore;
  /** What the user should know about the start (e.g. a sign-in left for after travel mode). */
  notices: string[];
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        fail(
          new Error(
            `Port ${port} on ${host} is in use — is Tether already running? Choose another with --port.`,
          ),
        );
      } else fail(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done((server.address() as AddressInfo).port);
    });
  });
}

/** Checks what can be checked before anything is opened; throws a message fit for the terminal. */
function checkOptions(opts: StartHostOptions, host: string, port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port ${port}: use 0–65535.`);
  }
  if (!isLoopback(host) && !opts.allowRemote) {
    throw new Error(
      `Refusing to listen on ${host}: other machines could reach Tether there. Use a loopback address (127.0.0.1), or add --allow-remote if that is what you want.`,
    );
  }
  if (opts.bridgeKey !== undefined && !BRIDGE_KEY_PATTERN.test(opts.bridgeKey)) {
    throw new Error('The bridge key must be 43–128 characters of A–Z, a–z, 0–9, - and _.');
  }
}

/** Answers only requests addressed to one of the host's own names (no DNS rebinding). */
function guardHost(hosts: Set<string>, next: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!isOneOf(req.headers.host, hosts)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Unknown host name');
    }
    void next(req, res).catch(() => res.destroy());
  };
}

/** Serves the renderer over HTTP and the bridge over WebSocket: browser mode, e2e tests and the CLI. */
export async function startHost(opts: StartHostOptions): Promise<RunningHost> {
  const host = opts.host ?? DEFAULT_HOST;
  const requestedPort = opts.port ?? DEFAULT_PORT;
  checkOptions(opts, host, requestedPort);
  const bridgeKey = opts.bridgeKey ?? randomBytes(32).toString('base64url');
  const core = await createMainCore({
    dataDir: resolve(opts.dataDir),
    userName: opts.userName,
    shell: 'browser',
    version: readAppVersion(),
  });
  const notices: string[] = [];
  if (opts.signIn) {
    try {
      const notice = await signInAtStart(core, opts.signIn);
      if (notice) notices.push(notice);
    } catch (err) {
      core.dispose();
      throw new Error(`Could not sign in to ${opts.signIn.serverUrl}: ${(err as Error).message}`);
    }
  }
  const server = createServer();
  const port = await listen(server, requestedPort, host);
  const origin = `http://${hostForUrl(host)}:${port}`;
  const headers = {
    'content-security-policy': contentSecurityPolicy({ connectSrc: [`ws://${hostForUrl(host)}:${port}`] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  const hosts = ownHostHeaders(host, port);
  server.on('request', guardHost(hosts, createStaticHandler(opts.rendererDir, headers)));
  const bridge = attachBridgeSocket(server, {
    handlers: core.handlers,
    events: core.events,
    allowedHosts: hosts,
    allowedOrigins: ownOrigins(hosts),
    bridgeKey,
    greeting: () => [
      { kind: 'event', event: 'status.changed', payload: core.status.get() },
      // A renderer that (re)connects learns the server connection without asking.
      { kind: 'event', event: 'connection.changed', payload: core.connection.get() },
    ],
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await bridge.close();
      await core.mirror.dispose(3_000);
      core.dispose();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    })());

  const url = `${origin}/?${BRIDGE_KEY_PARAM}=${bridgeKey}`;
  return { url, origin, bridgeKey, port, core, notices, close };
}
