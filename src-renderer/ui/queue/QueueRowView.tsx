import { useDraggable, useDroppable } from '@dnd-kit/core';
import { ArrowDown, ArrowUp, GripVertical, RotateCcw, Trash2 } from 'lucide-react';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { absoluteTime } from '../format.js';
import { detailText, itemsText, STATUS_LABELS, TYPE_LABELS, waitText } from './queue-text.js';

export interface QueueRowActions {
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  onStep: (id: string, step: -1 | 1) => void;
}

/** Where a dragged entry would land on this row, or that it may not. */
export type DropMark = 'above' | 'below' | 'refused';

/** One entry: what it is, its state, and the actions that make sense for it. */
export function QueueRowView({
  row,
  now,
  actions,
  dragging = false,
  drop = null,
}: {
  row: QueueRow;
  now: number;
  actions: QueueRowActions;
  dragging?: boolean;
  drop?: DropMark | null;
}) {
  const { entry } = row;
  const movable = row.canUp || row.canDown;
  // The whole row is what moves (its size drives the drop target); only the grip starts a drag.
  const {
    setNodeRef: dragRef,
    setActivatorNodeRef,
    listeners,
    attributes,
  } = useDraggable({ id: entry.id, disabled: !movable });
  const { setNodeRef: dropRef } = useDroppable({ id: entry.id });
  const wait = waitText(row, now);
  const items = itemsText(row);
  return (
    <li
      ref={(node) => {
        dragRef(node);
        dropRef(node);
      }}
      className={`queue-row status-${entry.status}${dragging ? ' is-dragging' : ''}${drop ? ` drop-${drop}` : ''}`}
      data-testid="queue-row"
      data-entry-id={entry.id}
      data-status={entry.status}
      data-drop={drop ?? undefined}
    >
      <button
        ref={setActivatorNodeRef}
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
        {items && (
          <div className="queue-items mono" title={row.paths.join('\n')} data-testid="queue-items">
            {items}
          </div>
        )}
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
