import { useDraggable, useDroppable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { ArrowDown, ArrowUp, GripVertical, RotateCcw, Trash2 } from 'lucide-react';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { absoluteTime } from '../format.js';
import { detailText, STATUS_LABELS, TYPE_LABELS, waitText } from './queue-text.js';

export interface QueueRowActions {
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  onStep: (id: string, step: -1 | 1) => void;
}

/** One entry: what it is, its state, and the actions that make sense for it. */
export function QueueRowView({
  row,
  now,
  actions,
}: {
  row: QueueRow;
  now: number;
  actions: QueueRowActions;
}) {
  const { entry } = row;
  const movable = row.canUp || row.canDown;
  const {
    setNodeRef: dragRef,
    listeners,
    attributes,
    transform,
  } = useDraggable({ id: entry.id, disabled: !movable });
  const { setNodeRef: dropRef, isOver } = useDroppable({ id: entry.id });
  const wait = waitText(row, now);
  return (
    <li
      ref={dropRef}
      className={`queue-row status-${entry.status}${isOver ? ' drop-over' : ''}`}
      data-testid="queue-row"
      data-entry-id={entry.id}
      data-status={entry.status}
      style={{ transform: CSS.Translate.toString(transform) }}
    >
      <button
        ref={dragRef}
        type="button"
        className="queue-grip btn-ghost"
        aria-label={
          movable ? `Drag “${entry.title}” to reorder` : 'Order fixed: depends on entries of its branch'
        }
        title={movable ? 'Drag to reorder' : 'Its order is fixed (same branch as its neighbours)'}
        disabled={!movable}
        {...listeners}
        {...attributes}
      >
        <GripVertical size={14} aria-hidden />
      </button>
      <div className="queue-main">
        <div className="queue-line">
          <span className="queue-type" data-testid="queue-type">
            {TYPE_LABELS[entry.type]}
          </span>
          <span className="queue-title">{entry.title}</span>
          <span className={`queue-status status-${entry.status}`} data-testid="queue-status">
            {STATUS_LABELS[entry.status]}
          </span>
        </div>
        <div
          className="queue-detail"
          title={`Queued ${absoluteTime(entry.createdAt)}`}
          data-testid="queue-detail"
        >
          {detailText(row, now)}
          {wait && <span className="queue-wait"> · {wait}</span>}
        </div>
        {entry.error && (
          <div className="queue-error" data-testid="queue-error">
            {entry.error}
          </div>
        )}
      </div>
      <div className="queue-actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label="Move up"
          disabled={!row.canUp}
          onClick={() => actions.onStep(entry.id, -1)}
        >
          <ArrowUp size={14} aria-hidden />
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label="Move down"
          disabled={!row.canDown}
          onClick={() => actions.onStep(entry.id, 1)}
        >
          <ArrowDown size={14} aria-hidden />
        </button>
        {entry.status === 'failed' && (
          <button type="button" className="btn btn-small" onClick={() => actions.onRetry(entry.id)}>
            <RotateCcw size={13} aria-hidden /> Retry
          </button>
        )}
        <button
          type="button"
          className="btn btn-ghost-danger btn-small"
          disabled={entry.status === 'syncing'}
          onClick={() => actions.onDiscard(entry.id)}
        >
          <Trash2 size={13} aria-hidden /> Discard
        </button>
      </div>
    </li>
  );
}
