/**
 * A row read from the local database does not match its model: written by a
 * newer version, damaged on disk, or edited by hand. Raised where the row is
 * read so the UI gets one clear message instead of a crash far away.
 */
export class StoredDataError extends Error {
  override readonly name = 'StoredDataError';
  constructor(
    readonly collection: string,
    readonly rowId: string,
    detail: string,
  ) {
    super(`The local database holds a damaged ${collection} row "${rowId}": ${detail}`);
  }
}

/**
 * An op id arrived again with a different body. An op id is its idempotency
 * key, so this is never a harmless retry: it is refused and nothing is written.
 */
export class OpIdConflictError extends Error {
  override readonly name = 'OpIdConflictError';
  constructor(readonly opId: string) {
    super(`Op "${opId}" already exists with a different body; an op can never change once written`);
  }
}

/** An update named an op the database does not hold. */
export class UnknownOpError extends Error {
  override readonly name = 'UnknownOpError';
  constructor(readonly opId: string) {
    super(`Op "${opId}" is not in the local database`);
  }
}
