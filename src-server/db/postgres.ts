import pg from 'pg';
import type { Db, ListenHandlers, Queryable, Row } from './db.js';

const RECONNECT_MS = 1000;

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as R[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** PostgreSQL through a pg Pool; LISTEN uses its own connection, re-opened if it drops. */
export async function openPostgres(databaseUrl: string, onError: (err: Error) => void): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', onError);
  const listeners = new Set<() => Promise<void>>();
  const base = queryable(pool);
  await base.query('SELECT 1');

  return {
    kind: 'postgres',
    description: 'PostgreSQL',
    ...base,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, handlers) {
      const stop = await listenWithReconnect(databaseUrl, channel, handlers, onError);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

async function listenWithReconnect(
  databaseUrl: string,
  channel: string,
  handlers: ListenHandlers,
  onError: (err: Error) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (msg) => {
      if (msg.channel === channel) handlers.message(msg.payload ?? '');
    });
    next.on('error', (err) => {
      onError(err);
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  const scheduleReconnect = () => {
    client = null;
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(
        () => handlers.reconnected?.(),
        (err: Error) => {
          onError(err);
          scheduleReconnect();
        },
      );
    }, RECONNECT_MS);
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await (client as pg.Client | null)?.end().catch(() => undefined);
  };
}
