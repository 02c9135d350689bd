import {
  AutoScrollActivator,
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  acceptAll,
  canRedo,
  canUndo,
  chunkResultLines,
  conflictIndex,
  draggedLines,
  dropLines,
  editChunk,
  headerRow,
  nextOpenConflict,
  paneRows,
  redo,
  resultLineCount,
  resultOffsets,
  undo,
  type DragSource,
  type MergeModel,
  type PaneRow,
  type ResolveSession,
} from '../../../src-shared/conflicts/index.js';
import { DropLine, ResultHeader, SideHeader } from './ChunkControls.js';
import { useDragSpeech, type DragSpeech } from './drag-speech.js';
import { DragPreview } from './DragPreview.js';
import { LinePane } from './LinePane.js';
import { ResultEditor } from './ResultEditor.js';
import { ScrollGroup } from './scroll-group.js';
import { PendingMark } from '../approvals/PendingMark.js';

type Pickup = { source: DragSource; line: number };

/**
 * While lines are dragged only the result pane scrolls, following the pointer
 * near its edges: the side panes scroll with it as a group, and scrolling them
 * as the pointer passes would move the line under it.
 */
const RESULT_ONLY_SCROLL = {
  activator: AutoScrollActivator.Pointer,
  threshold: { x: 0, y: 0.15 },
  canScroll: (element: Element) => element.closest('[data-testid="resolver-result"]') !== null,
};
type ScrollTarget = { row: number; seq: number };

/** The line-by-line part of the resolver: base, local and remote above, the result below. */
export function TextResolver({
  session,
  model,
  onModel,
}: {
  session: ResolveSession;
  model: MergeModel;
  onModel: (m: MergeModel) => void;
}) {
  const [cursor, setCursor] = useState(() => nextOpenConflict(model, 0) ?? 1);
  const [scroll, setScroll] = useState<ScrollTarget | null>(null);
  const [pickup, setPickup] = useState<Pickup | null>(null);
  const [editing, setEditing] = useState<{ index: number; text: string } | null>(null);
  const [asText, setAsText] = useState(false);
  const seq = useRef(0);
  const group = useMemo(() => new ScrollGroup(), []);
  const chunkCount = model.chunks.length;
  const sync = useMemo(
    () => ({
      base: { group, name: 'base', chunkCount },
      local: { group, name: 'local', chunkCount },
      remote: { group, name: 'remote', chunkCount },
      result: { group, name: 'result', chunkCount },
    }),
    [group, chunkCount],
  );
  const rows = useMemo(
    () => ({
      base: paneRows(model, 'base'),
      local: paneRows(model, 'local'),
      remote: paneRows(model, 'remote'),
      result: paneRows(model, 'result'),
    }),
    [model],
  );
  const total = model.conflictIndexes.length;
  const goTo = useCallback(
    (no: number | null) => {
      if (no === null) return;
      setCursor(no);
      setScroll({ row: headerRow(rows.result, no), seq: ++seq.current });
    },
    [rows.result],
  );
  const move = (direction: 1 | -1) =>
    goTo(
      nextOpenConflict(model, cursor, direction) ??
        (total ? ((cursor - 1 + direction + total) % total) + 1 : null),
    );
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const speech = useDragSpeech(model, session.sides);
  const onDragEnd = (event: DragEndEvent) => {
    speech.setDragging(null);
    const source = event.active.data.current as DragSource | undefined;
    const line = event.over?.data.current?.line as number | undefined;
    if (source && line !== undefined) onModel(dropLines(model, source, line));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'TEXTAREA' || tag === 'INPUT') return;
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'F7' || (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp'))) {
      e.preventDefault();
      move(e.key === 'ArrowUp' || e.shiftKey ? -1 : 1);
    } else if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      onModel(e.shiftKey ? redo(model) : undo(model));
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      onModel(redo(model));
    }
  };
  const handleKeys = usePickupKeys(model, rows.result, pickup, setPickup, onModel, speech, (row) =>
    setScroll({ row, seq: ++seq.current }),
  );
  const header = (side: 'local' | 'remote') => (row: Extract<PaneRow, { type: 'header' }>) => (
    <SideHeader
      conflictNo={row.conflictNo}
      side={side}
      picked={!!pickup && pickup.source.conflictNo === row.conflictNo && pickup.source.side === side}
      onKeyDown={handleKeys({ conflictNo: row.conflictNo, side })}
    />
  );
  const resultChunk = scroll && { index: rows.result[scroll.row]?.chunk ?? 0, seq: scroll.seq };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      autoScroll={RESULT_ONLY_SCROLL}
      accessibility={speech.accessibility}
      onDragStart={speech.onDragStart}
      onDragCancel={() => speech.setDragging(null)}
      onDragEnd={onDragEnd}
    >
      <div className="resolver-body" tabIndex={-1} onKeyDown={onKeyDown}>
        <div className="resolver-toolbar">
          <button
            type="button"
            className="btn btn-small"
            data-testid="prev-conflict"
            disabled={!total}
            title="Previous conflict (Shift+F7, Alt+↑)"
            onClick={() => move(-1)}
          >
            ↑ Previous
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="next-conflict"
            disabled={!total}
            title="Next conflict (F7, Alt+↓)"
            onClick={() => move(1)}
          >
            ↓ Next
          </button>
          <span className="muted" data-testid="conflict-position">
            {total
              ? `Conflict ${cursor} of ${total}`
              : 'No line conflicts: the versions merged by themselves'}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={asText}
            data-testid="edit-result-text"
            title="Edit the whole result as text; the panes keep scrolling with it"
            onClick={() => setAsText(!asText)}
          >
            {asText ? 'Done editing' : 'Edit result as text'}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="resolver-undo"
            disabled={!canUndo(model)}
            title="Undo (Ctrl+Z)"
            onClick={() => onModel(undo(model))}
          >
            Undo
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="resolver-redo"
            disabled={!canRedo(model)}
            title="Redo (Ctrl+Shift+Z)"
            onClick={() => onModel(redo(model))}
          >
            Redo
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="accept-all-local"
            onClick={() => onModel(acceptAll(model, 'local'))}
          >
            All local
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="accept-all-remote"
            onClick={() => onModel(acceptAll(model, 'remote'))}
          >
            All remote
          </button>
        </div>
        {pickup && (
          <div className="banner banner-info" role="status" data-testid="pickup-status">
            {speech.words.pickedUp(pickup.source)}, to go {speech.words.where(pickup.line)}. ↑/↓ choose the
            line, Enter drops, Esc cancels.
          </div>
        )}
        <div className="resolver-said" role="status" data-testid="pickup-said">
          {speech.said}
        </div>
        <div className="resolver-panes">
          <LinePane
            title="Base"
            subtitle="common ancestor"
            rows={rows.base}
            testId="resolver-base"
            scrollTo={null}
            sync={sync.base}
            renderHeader={() => null}
          />
          <LinePane
            title="Local"
            subtitle={session.sides.local.label}
            badge={<PendingMark ops={session.sides.local.ops} testId="pane-pending-local" />}
            rows={rows.local}
            testId="resolver-local"
            scrollTo={null}
            sync={sync.local}
            renderHeader={header('local')}
          />
          <LinePane
            title="Remote"
            subtitle={session.sides.remote.label}
            badge={<PendingMark ops={session.sides.remote.ops} testId="pane-pending-remote" />}
            rows={rows.remote}
            testId="resolver-remote"
            scrollTo={null}
            sync={sync.remote}
            renderHeader={header('remote')}
          />
          <div className="resolver-result-wrap">
            {asText ? (
              <ResultEditor model={model} onModel={onModel} group={group} scrollToChunk={resultChunk} />
            ) : (
              <ResultPane
                model={model}
                rows={rows.result}
                scroll={scroll}
                sync={sync.result}
                cursor={cursor}
                caretLine={pickup?.line ?? null}
                onModel={onModel}
                onEdit={(index) => setEditing({ index, text: chunkResultLines(model, index).join('') })}
              />
            )}
          </div>
        </div>
        {editing && (
          <div className="chunk-editor" role="dialog" aria-label="Edit the result of this conflict">
            <textarea
              data-testid="chunk-editor-text"
              value={editing.text}
              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
              rows={8}
            />
            <div className="row-actions">
              <button type="button" className="btn" onClick={() => setEditing(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="chunk-editor-apply"
                onClick={() => {
                  onModel(editChunk(model, editing.index, editing.text));
                  setEditing(null);
                }}
              >
                Apply
              </button>
            </div>
          </div>
        )}
      </div>
      <DragOverlay dropAnimation={null}>
        {speech.dragging && (
          <DragPreview
            label={speech.words.label(speech.dragging)}
            lines={draggedLines(model, speech.dragging)}
          />
        )}
      </DragOverlay>
    </DndContext>
  );
}

/** The result as chunks: each conflict with its buttons, every line a drop target. */
function ResultPane(props: {
  model: MergeModel;
  rows: PaneRow[];
  scroll: ScrollTarget | null;
  sync: { group: ScrollGroup; name: string; chunkCount: number };
  cursor: number;
  caretLine: number | null;
  onModel: (m: MergeModel) => void;
  onEdit: (index: number) => void;
}) {
  const { model } = props;
  const end = resultLineCount(model);
  return (
    <>
      <LinePane
        title="Result"
        subtitle="saved as the merge"
        rows={props.rows}
        testId="resolver-result"
        scrollTo={props.scroll}
        sync={props.sync}
        caretLine={props.caretLine}
        renderHeader={(row) => (
          <ResultHeader
            model={model}
            conflictNo={row.conflictNo}
            current={row.conflictNo === props.cursor}
            onModel={props.onModel}
            onEdit={props.onEdit}
          />
        )}
        wrapLine={(row, content) => <DropLine line={row.line}>{content}</DropLine>}
      />
      <DropLine line={end}>
        <div className={`drop-end${props.caretLine === end ? ' drop-caret' : ''}`} data-testid="result-end">
          end of result
        </div>
      </DropLine>
    </>
  );
}

/** Keyboard drag: Space/Enter picks a conflict's side up, ↑/↓ choose the line, Enter drops, Esc cancels. */
function usePickupKeys(
  model: MergeModel,
  resultRows: PaneRow[],
  pickup: Pickup | null,
  setPickup: (p: Pickup | null) => void,
  onModel: (m: MergeModel) => void,
  speech: Pick<DragSpeech, 'say' | 'words'>,
  scrollToRow: (row: number) => void,
) {
  return (source: DragSource) => (e: KeyboardEvent) => {
    const picked =
      pickup && pickup.source.conflictNo === source.conflictNo && pickup.source.side === source.side;
    const max = resultLineCount(model);
    if (!picked && (e.key === ' ' || e.key === 'Enter')) {
      e.preventDefault();
      const start = resultOffsets(model)[conflictIndex(model, source.conflictNo)] ?? 0;
      setPickup({ source, line: start });
      speech.say('');
      return;
    }
    if (!picked) return;
    e.stopPropagation();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const line = Math.max(0, Math.min(max, pickup.line + (e.key === 'ArrowDown' ? 1 : -1)));
      setPickup({ ...pickup, line });
      scrollToRow(resultRows.findIndex((r) => r.type === 'line' && r.line === Math.min(line, max - 1)));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onModel(dropLines(model, pickup.source, pickup.line));
      setPickup(null);
      speech.say(speech.words.dropped(pickup.source, pickup.line));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPickup(null);
      speech.say(speech.words.cancelled(pickup.source));
    }
  };
}
