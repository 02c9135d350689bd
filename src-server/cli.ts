import { parseArgs } from 'node:util';
import type { NamespaceClaim } from '../src-shared/sync-protocol/index.js';
import { NamespaceClaimSchema } from '../src-shared/sync-protocol/index.js';
import { FolderInUseError } from './db/folder-lock.js';
import { DEFAULT_DATA_DIR } from './db/open.js';
import { DEFAULT_LIMITS, limitsFrom } from './http/limits.js';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from './server.js';

const USAGE = `Usage: npm run server -- [--port 8787] [--host 127.0.0.1] [--data-dir DIR] [--log-level info]
       [--namespace-claim first-push|admin]
       [--request-timeout-ms ${DEFAULT_LIMITS.requestTimeoutMs}] [--streams-per-token ${DEFAULT_LIMITS.streamsPerToken}] [--pushes-per-minute ${DEFAULT_LIMITS.pushesPerMinute}]

Store: PostgreSQL when DATABASE_URL (or --database-url) is set, otherwise embedded
PGlite in --data-dir (default ${DEFAULT_DATA_DIR}). TETHER_ADMIN_TOKEN enables the
admin API used by \`npm run admin -- --server URL …\`.`;

/** --namespace-claim / TETHER_NAMESPACE_CLAIM: `first-push` (the default) or `admin`. */
function namespaceClaimFrom(value: string | undefined): NamespaceClaim {
  if (value === undefined || value === '') return 'first-push';
  const parsed = NamespaceClaimSchema.safeParse(value);
  if (!parsed.success) throw new Error(`--namespace-claim must be first-push or admin, got ${value}`);
  return parsed.data;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'log-level': { type: 'string' },
      'namespace-claim': { type: 'string' },
      'request-timeout-ms': { type: 'string' },
      'streams-per-token': { type: 'string' },
      'pushes-per-minute': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const server = await startServer({
    port,
    host: values.host ?? DEFAULT_HOST,
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? undefined,
    dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
    logLevel: values['log-level'] ?? process.env.LOG_LEVEL ?? 'info',
    adminToken: process.env.TETHER_ADMIN_TOKEN || undefined,
    namespaceClaim: namespaceClaimFrom(values['namespace-claim'] ?? process.env.TETHER_NAMESPACE_CLAIM),
    limits: limitsFrom(values, process.env),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error('Tether server: second signal, exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    console.log(`Tether server stopping (${signal})`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  // Before the ready line: whoever waits for it may stop the server at once.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const store = server.store.kind === 'postgres' ? 'PostgreSQL' : server.store.description;
  console.log(`Tether server listening on ${server.url} (store: ${store})`);
}

main().catch((err: unknown) => {
  if (err instanceof FolderInUseError)
    console.error(`${err.message}. Stop that server first, or use PostgreSQL.`);
  else console.error(`Tether server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
