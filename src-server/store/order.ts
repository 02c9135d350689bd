import type { ChangeTopic } from '../../src-shared/sync-protocol/index.js';
import type { Db, Queryable } from '../db/db.js';
import { num } from '../db/db.js';

/**
 * SERVER ORDER — why a checkpoint never skips a row that commits late.
 *
 * Clients page through rows by change_seq and keep the last position they
 * saw. That is only safe if, once a reader has seen position N, no row with
 * a position below N can become visible later. Plain sequences break it: a
 * transaction that drew 41 may commit after one that drew 42 was read, and
 * 41 is skipped for good.
 *
 * Here every transaction that draws server_seq or change_seq first takes
 * pg_advisory_xact_lock(ORDER_LOCK_KEY), held until it commits or rolls back.
 * So those transactions run one at a time: a writer draws its numbers only
 * after the previous holder has ended. PostgreSQL makes a commit visible
 * before it releases the committing transaction's locks (CommitTransaction
 * ends the transaction in the proc array, then releases locks), so when a
 * writer draws N, every number below N is already visible to any new
 * snapshot, or was rolled back and is never reused. Hence the positions a
 * snapshot sees are always all committed positions up to its maximum: a
 * reader that read up to N in one statement can never later meet a new row
 * below N. Pulls read in a single statement, so they use one snapshot.
 *
 * The lock lives in the database, so this holds across any number of server
 * processes on one PostgreSQL; on PGlite (one connection) it holds trivially.
 * Cost: writes that take positions are serialised; validation and lookups
 * run before the lock so the locked part is a few short statements. A push,
 * the big writer, runs its locked part as one statement (tether_push_ops,
 * see store/ops-push.ts), so no round trip to this process lengthens it.
 * store/server-order.test.ts checks the property under concurrency (it fails,
 * skipping ops, when this lock is removed).
 */
export const ORDER_LOCK_KEY = 7_426_001;
export const CHANGES_CHANNEL = 'tether_changes';

export interface OrderedTx extends Queryable {
  /**
   * Takes the order lock (once; later calls are free). Take it before reading
   * anything the write depends on; `draw` takes it at the latest.
   */
  lock(): Promise<void>;
  /**
   * New server_seqs and change_seqs (ascending) and the write's time, in one
   * round trip that also queues the NOTIFY for `topic` — delivered to
   * listeners only when (and if) this transaction commits.
   */
  draw(serverSeqs: number, changeSeqs: number, topic: ChangeTopic | readonly ChangeTopic[]): Promise<Drawn>;
}

export interface Drawn {
  now: number;
  serverSeqs: number[];
  changeSeqs: number[];
}

/** Runs `work` in a transaction whose position draws happen under the order lock. */
export async function orderedWrite<T>(db: Db, work: (tx: OrderedTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    let locked = false;
    const lock = async () => {
      if (locked) return;
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ORDER_LOCK_KEY]);
      locked = true;
    };
    return work({
      ...tx,
      lock,
      async draw(serverSeqs, changeSeqs, topic) {
        await lock();
        // A range per sequence (nextval, then setval to its end) instead of a
        // nextval per row: nobody else draws while the order lock is held.
        const [row] = await tx.query<{ now: unknown; server: unknown; change: unknown }>(
          `WITH drawn AS (SELECT tether_now_ms() AS now,
             CASE WHEN $1::int > 0 THEN setval('op_server_seq', nextval('op_server_seq') + $1::int - 1) END AS server,
             CASE WHEN $2::int > 0 THEN setval('change_seq', nextval('change_seq') + $2::int - 1) END AS change)
           SELECT now, server, change,
             CASE WHEN $2::int > 0 THEN pg_notify($3, json_build_object(
               'changeSeq', change, 'topics', to_json($4::text[]))::text)
             END AS notified
           FROM drawn`,
          [serverSeqs, changeSeqs, CHANGES_CHANNEL, typeof topic === 'string' ? [topic] : [...topic]],
        );
        return {
          now: num(row?.now),
          serverSeqs: rangeEndingAt(num(row?.server), serverSeqs),
          changeSeqs: rangeEndingAt(num(row?.change), changeSeqs),
        };
      },
    });
  });
}

/** The newest replication position that is committed. */
export async function newestChangeSeq(db: Queryable): Promise<number> {
  const rows = await db.query<{ newest: unknown }>(`SELECT GREATEST(
    (SELECT COALESCE(max(change_seq), 0) FROM ops),
    (SELECT COALESCE(max(change_seq), 0) FROM branches),
    (SELECT COALESCE(max(change_seq), 0) FROM namespaces),
    (SELECT COALESCE(max(change_seq), 0) FROM approval_requests)) AS newest`);
  return num(rows[0]?.newest ?? 0);
}

/** The `count` ascending positions that end at `last`. */
function rangeEndingAt(last: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
