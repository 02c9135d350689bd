/**
 * RxDB's production build replaces error messages with a code and a link to
 * dev-mode, which we never enable (it loads an iframe from the web). The
 * codes a user or developer can actually hit while opening are spelled out.
 */
const KNOWN: Record<string, string> = {
  DB8: 'it is already open in this window (open it once and share the handle)',
  COL23: 'too many collections are open (RxDB open source allows 13 per process)',
};

export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(
    readonly databaseName: string,
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    const why = code ? (KNOWN[code] ?? `RxDB error ${code}`) : String(options.cause);
    super(`Could not open the local database "${databaseName}": ${why}`, options);
  }
}

export function openError(databaseName: string, error: unknown): DatabaseOpenError {
  const code = (error as { code?: unknown } | null)?.code;
  return new DatabaseOpenError(databaseName, typeof code === 'string' ? code : undefined, {
    cause: error,
  });
}
