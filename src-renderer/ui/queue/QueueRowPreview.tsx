import { GripVertical } from 'lucide-react';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { TYPE_LABELS } from './queue-text.js';

/** The row under the pointer while it is dragged: what it is, lifted off the list. */
export function QueueRowPreview({ row }: { row: QueueRow }) {
  return (
    <div className="queue-row queue-row-lifted" data-testid="queue-drag-preview">
      <GripVertical size={14} aria-hidden className="queue-grip-icon" />
      <div className="queue-main">
        <div className="queue-line">
          <span className="queue-type">{TYPE_LABELS[row.entry.type]}</span>
          <span className="queue-title">{row.entry.title}</span>
        </div>
      </div>
    </div>
  );
}
