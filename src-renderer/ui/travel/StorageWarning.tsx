import { useEffect, useState } from 'react';
import { HardDrive } from 'lucide-react';
import { useHistoryCache } from '../../state/history-cache-slice.js';
import { useToasts } from '../../state/toast-slice.js';
import { readStorage, type StorageReading } from '../../storage/quota.js';
import { logError } from '../../log/report.js';

const CHECK_EVERY_MS = 2 * 60_000;
let warned = false;

/**
 * Warns before the disk (or the browser's storage quota) is full, so no
 * save ever fails by surprise: a chip in the status bar, and one toast.
 */
export function StorageWarning() {
  const [reading, setReading] = useState<StorageReading | null>(null);
  useEffect(() => {
    let alive = true;
    const check = () =>
      void readStorage().then((next) => {
        if (!alive) return;
        setReading(next);
        // Under pressure, cached history of others goes first (bounded: at most once per interval).
        useHistoryCache
          .getState()
          .cache?.onStorageReading(next)
          .catch((err: unknown) => logError('Could not free space from the history cache', err));
        if (next?.warn && !warned) {
          warned = true;
          useToasts.getState().show({
            message: `Storage is ${Math.round(next.ratio * 100)} % full. Sync your work and free some disk space before it runs out.`,
            tone: 'error',
            testId: 'storage-warning-toast',
          });
        }
      });
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  if (!reading?.warn) return null;
  const mb = (b: number) => `${Math.round(b / 1_048_576).toLocaleString()} MB`;
  return (
    <span
      className="status-chip storage-warning"
      data-testid="storage-warning"
      title={`${mb(reading.usedBytes)} of ${mb(reading.quotaBytes)} used`}
    >
      <HardDrive size={12} aria-hidden /> Storage {Math.round(reading.ratio * 100)} % full
    </span>
  );
}
