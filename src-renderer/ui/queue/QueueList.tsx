import { useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { previewMove } from '../../../src-shared/queue/move-preview.js';
import type { QueueEntry } from '../../../src-shared/model/index.js';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { QueueRowView, type DropMark, type QueueRowActions } from './QueueRowView.js';
import { QueueRowPreview } from './QueueRowPreview.js';

export interface QueueListActions extends QueueRowActions {
  /** Drop: onto that row's place (above it going up, below it going down). */
  onMove: (id: string, ontoId: string) => void;
}

interface Drag {
  id: string;
  overId: string | null;
}

/**
 * The entries in queue order. Dropping one on another moves it to that
 * place; the queue refuses (with a message) a move past an entry it
 * depends on, so only independent entries change order. While dragging,
 * the target shows where the entry lands, or why it may not.
 */
export function QueueList({
  rows,
  entries,
  now,
  actions,
}: {
  rows: QueueRow[];
  /** The whole queue: the preview counts the hidden entries a drop would pass. */
  entries: QueueEntry[];
  now: number;
  actions: QueueListActions;
}) {
  // A small distance first, so a click on the handle is not a drag.
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const [drag, setDrag] = useState<Drag | null>(null);
  const preview = drag?.overId ? previewMove(entries, drag.id, drag.overId) : null;
  const dragged = rows.find((row) => row.entry.id === drag?.id) ?? null;
  const markOf = (id: string): DropMark | null =>
    !preview || id !== drag?.overId ? null : preview.ok ? preview.side : 'refused';

  const onDragStart = ({ active }: DragStartEvent) => setDrag({ id: String(active.id), overId: null });
  const onDragOver = ({ active, over }: DragOverEvent) =>
    setDrag({ id: String(active.id), overId: over ? String(over.id) : null });
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDrag(null);
    if (!over || over.id === active.id) return;
    // A refused drop still goes to the queue: its own check gives the message the view shows.
    actions.onMove(String(active.id), String(over.id));
  };
  return (
    <DndContext
      sensors={sensors}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
    >
      <ol className="queue-list" data-testid="queue-list">
        {rows.map((row) => (
          <QueueRowView
            key={row.entry.id}
            row={row}
            now={now}
            actions={actions}
            dragging={row.entry.id === drag?.id}
            drop={markOf(row.entry.id)}
          />
        ))}
      </ol>
      <p
        className="queue-drag-hint"
        role="status"
        data-testid="queue-drag-hint"
        data-refused={preview?.ok === false}
      >
        {dragHint(preview, rows, drag?.overId ?? null)}
      </p>
      {/* Drawn above the dialog, so the list's scroll box never clips it and the target stays visible. */}
      <DragOverlay dropAnimation={null}>{dragged && <QueueRowPreview row={dragged} />}</DragOverlay>
    </DndContext>
  );
}

function dragHint(preview: ReturnType<typeof previewMove>, rows: QueueRow[], overId: string | null): string {
  if (!preview) return '';
  if (!preview.ok) return `Can’t drop here: ${preview.reason}.`;
  const target = rows.find((row) => row.entry.id === overId)?.entry.title ?? '';
  return preview.side === 'above'
    ? `Drop to send it before “${target}”.`
    : `Drop to send it after “${target}”.`;
}
