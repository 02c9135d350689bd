/**
 * The one small interface the server uses for its store, with two backends:
 * PostgreSQL through `pg` (for teams; several server processes may share it)
 * and embedded PGlite (a single process, zero set-up). Both run the same SQL.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with $1… parameters. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface ListenHandlers {
  message(payload: string): void;
  /** The listening connection was lost and restored: notifications may have been missed. */
  reconnected?(): void;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** For people: "PostgreSQL" or "embedded PGlite at <dir>". */
  readonly description: string;
  /** Runs `work` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Delivers NOTIFY payloads sent on `channel` (by this or any other process on the store). */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** bigint columns come back as string (pg) or number (PGlite); the server's values fit in a double. */
export function num(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`Expected a whole number from the store, got ${String(value)}`);
  return n;
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}
