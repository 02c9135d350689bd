import { ListOrdered } from 'lucide-react';
import { useFailedCount, useQueueSize } from '../../state/queue-slice.js';
import { useUi } from '../../state/ui-slice.js';

/** Opens the sync queue (from the status popover); says how much waits and how much failed. */
export function OpenQueueButton() {
  const openDialog = useUi((s) => s.openDialog);
  const size = useQueueSize();
  const failed = useFailedCount();
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="open-queue"
      onClick={() => openDialog({ kind: 'queue' })}
    >
      <ListOrdered size={13} aria-hidden /> Sync queue ({size}
      {failed > 0 ? `, ${failed} failed` : ''})
    </button>
  );
}
