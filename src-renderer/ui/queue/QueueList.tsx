import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { QueueRowView, type QueueRowActions } from './QueueRowView.js';

export interface QueueListActions extends QueueRowActions {
  onMove: (id: string, toIndex: number) => void;
}

/**
 * The entries in queue order. Dropping one on another moves it to that
 * place; the queue refuses (with a message) a move past an entry it
 * depends on, so only independent entries change order.
 */
export function QueueList({
  rows,
  now,
  actions,
}: {
  rows: QueueRow[];
  now: number;
  actions: QueueListActions;
}) {
  // A small distance first, so a click on the handle is not a drag.
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || over.id === active.id) return;
    const toIndex = rows.findIndex((row) => row.entry.id === over.id);
    if (toIndex >= 0) actions.onMove(String(active.id), toIndex);
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <ol className="queue-list" data-testid="queue-list">
        {rows.map((row) => (
          <QueueRowView key={row.entry.id} row={row} now={now} actions={actions} />
        ))}
      </ol>
    </DndContext>
  );
}
