import { storagePressure } from '../../src-shared/storage/eviction.js';

/** A write refused because the disk or the browser's storage quota is full. */
export function isQuotaError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const text = `${err.name} ${err.message}`;
  return /QuotaExceeded|quota|disk full|ENOSPC/i.test(text) || isQuotaError(err.cause);
}

/** What the user reads when a save fails for lack of space. */
export function describeStorageError(err: unknown): string | null {
  if (!isQuotaError(err)) return null;
  return 'Not saved: storage is full. Your earlier work is safe. Free some disk space (or sync and export), then save again.';
}

export interface StorageReading {
  usedBytes: number;
  quotaBytes: number;
  ratio: number;
  warn: boolean;
}

/** navigator.storage.estimate(), as a warning level; null where the browser does not say. */
export async function readStorage(
  estimate: (() => Promise<StorageEstimate>) | undefined = globalThis.navigator?.storage?.estimate?.bind(
    globalThis.navigator.storage,
  ),
): Promise<StorageReading | null> {
  if (!estimate) return null;
  try {
    const e = await estimate();
    const pressure = storagePressure(e);
    if (!pressure) return null;
    return { usedBytes: e.usage ?? 0, quotaBytes: e.quota ?? 0, ...pressure };
  } catch {
    return null;
  }
}
