import type { RxCollection } from 'rxdb';
import { logError } from '../log/report.js';

/**
 * Calls the listener with the rows each write inserted or updated. RxDB's
 * event stream carries the writes of this tab and, through its
 * BroadcastChannel, of other tabs on the same database. A row that fails to
 * read is reported and skipped so one damaged row cannot stop live updates.
 */
export function listenToWrites<Doc, T>(
  collection: RxCollection<Doc>,
  read: (raw: unknown) => T,
  listener: (rows: T[]) => void,
): () => void {
  const subscription = collection.eventBulks$.subscribe((bulk) => {
    const rows: T[] = [];
    for (const event of bulk.events) {
      if (event.operation === 'DELETE') continue;
      try {
        rows.push(read(event.documentData));
      } catch (error) {
        logError('A changed row could not be read', error);
      }
    }
    if (rows.length > 0) callSafely(() => listener(rows));
  });
  return () => subscription.unsubscribe();
}

/** Calls the listener after any write (insert, update or removal) to the collection. */
export function listenToAnyWrite<Doc>(collection: RxCollection<Doc>, listener: () => void): () => void {
  const subscription = collection.eventBulks$.subscribe(() => callSafely(listener));
  return () => subscription.unsubscribe();
}

/** A throwing listener is reported, and the stream keeps serving the others. */
function callSafely(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    logError('A change listener failed', error);
  }
}
