import type { RxChangeEventBulk, RxCollection } from 'rxdb';
import { logError } from '../log/report.js';

/**
 * Calls the listener with the rows each write inserted or updated. RxDB's
 * event stream carries the writes of this tab and, through its
 * BroadcastChannel, of other tabs on the same database. A row that fails to
 * read is reported and skipped so one damaged row cannot stop live updates.
 * Writes `toldElsewhere` names are skipped: their writer tells the listener
 * the rows itself, without reading each one back.
 */
export function listenToWrites<Doc, T>(
  collection: RxCollection<Doc>,
  read: (raw: unknown) => T,
  listener: (rows: T[]) => void,
  toldElsewhere: (bulk: RxChangeEventBulk<Doc>) => boolean = () => false,
): () => void {
  const subscription = collection.eventBulks$.subscribe((bulk) => {
    if (toldElsewhere(bulk)) return;
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

/** Calls each listener with the rows; one that throws is reported, and the others are still called. */
export function tellEach<T>(listeners: Iterable<(rows: T[]) => void>, rows: T[]): void {
  for (const listener of listeners) callSafely(() => listener(rows));
}

/** A throwing listener is reported, and the stream keeps serving the others. */
function callSafely(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    logError('A change listener failed', error);
  }
}
