import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { KeyboardEvent, ReactNode } from 'react';
import {
  accept,
  chunkState,
  conflictIndex,
  reset,
  setHandled,
  type Accepted,
  type MergeModel,
} from '../../../src-shared/conflicts/index.js';

interface Take {
  accepted: Accepted;
  label: string;
  testId: string;
  title?: string;
}

const TAKES: Take[] = [
  { accepted: 'local', label: 'Take local', testId: 'take-local' },
  { accepted: 'remote', label: 'Take remote', testId: 'take-remote' },
  { accepted: 'both-local-first', label: 'Both (local first)', testId: 'take-both-local-first' },
  { accepted: 'both-remote-first', label: 'Both (remote first)', testId: 'take-both-remote-first' },
];

/** When the sides changed different lines, "both" keeps each change once, in base order: one button. */
const TAKES_INTERLEAVED: Take[] = [
  TAKES[0] as Take,
  TAKES[1] as Take,
  {
    accepted: 'both-local-first',
    label: 'Take both',
    testId: 'take-both',
    title: 'The two sides changed different lines: both changes are kept, each in its place',
  },
];

/** Whether a button shows as pressed: its side is taken (with one "Take both", either order of both). */
const takes = (state: { accepted: Accepted; edited: unknown }, take: Take) =>
  !state.edited &&
  (state.accepted === take.accepted || (take.testId === 'take-both' && state.accepted.startsWith('both')));

/** The drag handle above a conflict's lines in the local or remote pane. */
export function SideHeader({
  conflictNo,
  side,
  picked,
  onKeyDown,
}: {
  conflictNo: number;
  side: 'local' | 'remote';
  picked: boolean;
  onKeyDown: (e: KeyboardEvent) => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `${side}-${conflictNo}`,
    data: { conflictNo, side },
  });
  return (
    <div className={`side-header${picked ? ' picked' : ''}${isDragging ? ' dragging' : ''}`}>
      <button
        type="button"
        ref={setNodeRef}
        className="drag-handle"
        data-testid={`drag-${side}-${conflictNo}`}
        title="Drag into the result, or press Space to pick up, ↑/↓ to choose a line, Enter to drop"
        {...listeners}
        {...attributes}
        aria-pressed={picked}
        onKeyDown={onKeyDown}
      >
        ⠿ Conflict {conflictNo} · drag {side} lines
      </button>
    </div>
  );
}

/** A result line as a drop target: dropped lines go in above it. */
export function DropLine({ line, children }: { line: number; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: `line-${line}`, data: { line } });
  return (
    <div ref={setNodeRef} className={isOver ? 'drop-over' : undefined} data-drop-line={line}>
      {children}
    </div>
  );
}

/** A conflict's controls in the result pane: take a side or both, edit, mark handled, reset. */
export function ResultHeader(props: {
  model: MergeModel;
  conflictNo: number;
  current: boolean;
  onModel: (m: MergeModel) => void;
  onEdit: (index: number) => void;
}) {
  const { model, conflictNo } = props;
  const index = conflictIndex(model, conflictNo);
  const state = chunkState(model, index);
  const status = !state.handled ? 'open' : state.edited ? 'edited' : state.accepted;
  const interleaved = model.chunks[index]?.interleaved != null;
  return (
    <div
      className={`result-header${props.current ? ' current' : ''}${state.handled ? ' handled' : ''}`}
      data-testid={`resolver-chunk-${conflictNo}`}
      data-state={status}
      data-handled={state.handled}
    >
      <span className="chunk-label">#{conflictNo}</span>
      {(interleaved ? TAKES_INTERLEAVED : TAKES).map((t) => (
        <button
          key={t.testId}
          type="button"
          className="btn btn-tiny"
          title={t.title}
          aria-pressed={takes(state, t)}
          data-testid={`${t.testId}-${conflictNo}`}
          onClick={() => props.onModel(accept(model, conflictNo, t.accepted))}
        >
          {t.label}
        </button>
      ))}
      <button
        type="button"
        className="btn btn-tiny"
        data-testid={`edit-chunk-${conflictNo}`}
        onClick={() => props.onEdit(index)}
      >
        Edit
      </button>
      <label className="handled-toggle" title="Mark this conflict as dealt with (its lines stay as they are)">
        <input
          type="checkbox"
          checked={state.handled}
          data-testid={`handled-${conflictNo}`}
          onChange={(e) => props.onModel(setHandled(model, conflictNo, e.target.checked))}
        />
        Handled
      </label>
      {state.handled && (
        <button
          type="button"
          className="btn btn-tiny btn-ghost"
          data-testid={`reset-chunk-${conflictNo}`}
          onClick={() => props.onModel(reset(model, conflictNo))}
        >
          Reset
        </button>
      )}
    </div>
  );
}
