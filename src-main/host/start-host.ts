import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { contentSecurityPolicy } from '../csp.js';
import { createMainCore, type MainCore } from '../core.js';
import { attachBridgeSocket } from './bridge-socket.js';
import { hostForUrl, ownOrigins } from './origin.js';
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
  /** Default 127.0.0.1: the bridge has no login, so it must not be reachable from the network. */
  host?: string;
  /** Where main keeps its files (instance.json, …). */
  dataDir: string;
  /** The built renderer, normally dist/renderer. */
  rendererDir: string;
  /** Overrides the OS user name. */
  userName?: string;
  /** Sign in to a sync server at start (`--server` / `--token`), checked like connection.set. */
  signIn?: { serverUrl: string; token: string };
}

export interface RunningHost {
  url: string;
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

/** Serves the renderer over HTTP and the bridge over WebSocket: browser mode, e2e tests and the CLI. */
export async function startHost(opts: StartHostOptions): Promise<RunningHost> {
  const host = opts.host ?? DEFAULT_HOST;
  const requestedPort = opts.port ?? DEFAULT_PORT;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`Invalid port ${requestedPort}: use 0–65535.`);
  }
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
  const serveStatic = createStaticHandler(opts.rendererDir, headers);
  server.on('request', (req, res) => void serveStatic(req, res).catch(() => res.destroy()));
  const bridge = attachBridgeSocket(server, {
    handlers: core.handlers,
    events: core.events,
    allowedOrigins: ownOrigins(host, port),
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
      core.dispose();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    })());

  return { url: `${origin}/`, port, core, notices, close };
}
