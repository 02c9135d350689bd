import {
  DndContext,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  accept,
  acceptAll,
  canRedo,
  canUndo,
  chunkResultLines,
  chunkState,
  conflictIndex,
  conflictsLeft,
  conflictsLeftLabel,
  dropLines,
  editChunk,
  headerRow,
  needsPathChoice,
  nextOpenConflict,
  openSession,
  paneRows,
  redo,
  reset,
  resultLineCount,
  resultOf,
  resultOffsets,
  undo,
  validateSession,
  withText,
  type Accepted,
  type DragSource,
  type MergeModel,
  type PaneRow,
  type ResolveSession,
} from '../../../src-shared/conflicts/index.js';
import { HeadsChangedError } from '../../workspace/conflicts.js';
import { useToasts } from '../../state/toast-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { useConflictsUi, type ResolveTarget } from './conflicts-ui.js';
import { LinePane } from './LinePane.js';
import { DeletionChoice, PathChoiceBar } from './ResolverChoices.js';

interface ResolverProps {
  session: ResolveSession;
  target: ResolveTarget;
  path: string;
  notice?: string;
}

const TAKES: { accepted: Accepted; label: string; testId: string }[] = [
  { accepted: 'local', label: 'Take local', testId: 'take-local' },
  { accepted: 'remote', label: 'Take remote', testId: 'take-remote' },
  { accepted: 'both-local-first', label: 'Both (local first)', testId: 'take-both-local-first' },
  { accepted: 'both-remote-first', label: 'Both (remote first)', testId: 'take-both-remote-first' },
];

/** The three-way resolver: base, local and remote above, the result below, one conflict at a time. */
export function Resolver(props: ResolverProps) {
  const [session, setSession] = useState(props.session);
  const [notice, setNotice] = useState(props.notice ?? null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const save = useSave(props.target, session, setSession, setErrors, setNotice, setSaving);
  const left = session.text ? conflictsLeft(session.text) : 0;
  const blocking = validateSession(session);
  return (
    <section className="resolver" data-testid="resolver" aria-label={`Resolve ${props.path}`}>
      <header className="resolver-head">
        <div>
          <h2 className="mono">{props.path}</h2>
          <span className="muted">
            {session.kind} · {session.sides.local.label} ↔ {session.sides.remote.label}
          </span>
        </div>
        <span className="spacer" />
        <span className={`conflicts-left${left ? ' has-left' : ''}`} data-testid="conflicts-left">
          {session.text
            ? conflictsLeftLabel(session.text)
            : session.deletion === 'undecided'
              ? '1 choice left'
              : 'No conflicts left'}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="resolver-save"
          disabled={left > 0 || session.deletion === 'undecided' || saving}
          title={left ? 'Resolve every conflict first' : 'Save the result'}
          onClick={() => void save()}
        >
          {props.target.kind === 'branch-merge' ? 'Use this result' : 'Save'}
        </button>
      </header>
      {notice && (
        <div className="banner banner-warning" role="status" data-testid="resolver-notice">
          {notice}
        </div>
      )}
      {(errors.length > 0 || (left === 0 && blocking.length > 0)) && (
        <div className="banner banner-danger" role="alert" data-testid="resolver-error">
          {(errors.length ? errors : blocking).map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      )}
      {needsPathChoice(session) && session.deletion !== 'accept-deletion' && (
        <PathChoiceBar session={session} onChange={setSession} />
      )}
      {session.text ? (
        <TextResolver
          session={session}
          model={session.text}
          onModel={(m) => {
            setErrors([]);
            setSession(withText(session, m));
          }}
        />
      ) : (
        <DeletionChoice session={session} onChange={setSession} />
      )}
    </section>
  );
}

function useSave(
  target: ResolveTarget,
  session: ResolveSession,
  setSession: (s: ResolveSession) => void,
  setErrors: (e: string[]) => void,
  setNotice: (n: string | null) => void,
  setSaving: (b: boolean) => void,
) {
  const { workspace } = useServices();
  const show = useConflictsUi((s) => s.show);
  const setMergeResolution = useConflictsUi((s) => s.setMergeResolution);
  return async () => {
    const problems = validateSession(session);
    if (problems.length) return setErrors(problems);
    const result = resultOf(session);
    if (target.kind === 'branch-merge') {
      setMergeResolution(session.itemId, result);
      return show({ kind: 'branch-merge', branchId: target.branchId });
    }
    setSaving(true);
    try {
      await workspace.conflicts.resolve(session.itemId, result, session.heads, target.branchId);
      useToasts
        .getState()
        .show({ tone: 'success', message: `Resolved ${result.path}`, testId: 'resolved-toast' });
      show({ kind: 'inbox', tab: 'open' });
    } catch (error) {
      if (error instanceof HeadsChangedError && error.item.conflict) {
        setSession(
          openSession({
            itemId: error.item.itemId,
            conflict: error.item.conflict,
            heads: error.item.heads,
            instanceId: workspace.conflicts.instanceId,
            seedLocal: result.deleted ? undefined : result.content,
          }),
        );
        setNotice(error.message);
        setErrors([]);
      } else {
        setErrors([error instanceof Error ? error.message : String(error)]);
      }
    } finally {
      setSaving(false);
    }
  };
}

type Pickup = { source: DragSource; line: number };

function TextResolver({
  session,
  model,
  onModel,
}: {
  session: ResolveSession;
  model: MergeModel;
  onModel: (m: MergeModel) => void;
}) {
  const [cursor, setCursor] = useState(() => nextOpenConflict(model, 0) ?? 1);
  const [scroll, setScroll] = useState<{ row: number; seq: number } | null>(null);
  const [pickup, setPickup] = useState<Pickup | null>(null);
  const [editing, setEditing] = useState<{ index: number; text: string } | null>(null);
  const seq = useRef(0);
  const rows = useMemo(
    () => ({
      base: paneRows(model, 'base'),
      local: paneRows(model, 'local'),
      remote: paneRows(model, 'remote'),
      result: paneRows(model, 'result'),
    }),
    [model],
  );
  const total = conflictIndexCount(model);
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
  const apply = (next: MergeModel) => {
    onModel(next);
  };
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const onDragEnd = (event: DragEndEvent) => {
    const source = event.active.data.current as DragSource | undefined;
    const line = event.over?.data.current?.line as number | undefined;
    if (source && line !== undefined) apply(dropLines(model, source, line));
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
      apply(e.shiftKey ? redo(model) : undo(model));
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      apply(redo(model));
    }
  };
  const handleKeys = (source: DragSource) => (e: KeyboardEvent) => {
    const picked =
      pickup && pickup.source.conflictNo === source.conflictNo && pickup.source.side === source.side;
    const max = resultLineCount(model);
    if (!picked && (e.key === ' ' || e.key === 'Enter')) {
      e.preventDefault();
      const start = resultOffsets(model)[conflictIndex(model, source.conflictNo)] ?? 0;
      setPickup({ source, line: start });
      return;
    }
    if (!picked) return;
    e.stopPropagation();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const line = Math.max(0, Math.min(max, pickup.line + (e.key === 'ArrowDown' ? 1 : -1)));
      setPickup({ ...pickup, line });
      const row = rows.result.findIndex((r) => r.type === 'line' && r.line === Math.min(line, max - 1));
      setScroll({ row, seq: ++seq.current });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      apply(dropLines(model, pickup.source, pickup.line));
      setPickup(null);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPickup(null);
    }
  };
  const header = (side: 'local' | 'remote') => (row: Extract<PaneRow, { type: 'header' }>) => (
    <SideHeader
      conflictNo={row.conflictNo}
      side={side}
      picked={!!pickup && pickup.source.conflictNo === row.conflictNo && pickup.source.side === side}
      onKeyDown={handleKeys({ conflictNo: row.conflictNo, side })}
    />
  );
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <div className="resolver-body" tabIndex={-1} onKeyDown={onKeyDown}>
        <div className="resolver-toolbar">
          <button
            type="button"
            className="btn btn-small"
            data-testid="prev-conflict"
            title="Previous conflict (Shift+F7, Alt+↑)"
            onClick={() => move(-1)}
          >
            ↑ Previous
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="next-conflict"
            title="Next conflict (F7, Alt+↓)"
            onClick={() => move(1)}
          >
            ↓ Next
          </button>
          <span className="muted">
            Conflict {cursor} of {total}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small"
            data-testid="resolver-undo"
            disabled={!canUndo(model)}
            title="Undo (Ctrl+Z)"
            onClick={() => apply(undo(model))}
          >
            Undo
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="resolver-redo"
            disabled={!canRedo(model)}
            title="Redo (Ctrl+Shift+Z)"
            onClick={() => apply(redo(model))}
          >
            Redo
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="accept-all-local"
            onClick={() => apply(acceptAll(model, 'local'))}
          >
            All local
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="accept-all-remote"
            onClick={() => apply(acceptAll(model, 'remote'))}
          >
            All remote
          </button>
        </div>
        {pickup && (
          <div className="banner banner-info" role="status" data-testid="pickup-status">
            Moving {pickup.source.side} lines of conflict {pickup.source.conflictNo}: ↑/↓ choose the line (now
            before line {pickup.line + 1}), Enter drops, Esc cancels.
          </div>
        )}
        <div className="resolver-panes">
          <LinePane
            title="Base"
            subtitle="common ancestor"
            rows={rows.base}
            testId="resolver-base"
            scrollTo={scroll && { row: baseRowFor(rows, scroll.row), seq: scroll.seq }}
            renderHeader={() => null}
          />
          <LinePane
            title="Local"
            subtitle={session.sides.local.label}
            rows={rows.local}
            testId="resolver-local"
            scrollTo={scroll && { row: headerRow(rows.local, cursor), seq: scroll.seq }}
            renderHeader={header('local')}
          />
          <LinePane
            title="Remote"
            subtitle={session.sides.remote.label}
            rows={rows.remote}
            testId="resolver-remote"
            scrollTo={scroll && { row: headerRow(rows.remote, cursor), seq: scroll.seq }}
            renderHeader={header('remote')}
          />
          <div className="resolver-result-wrap">
            <LinePane
              title="Result"
              subtitle="saved as the merge"
              rows={rows.result}
              testId="resolver-result"
              scrollTo={scroll}
              caretLine={pickup?.line ?? null}
              renderHeader={(row) => (
                <ResultHeader
                  model={model}
                  conflictNo={row.conflictNo}
                  current={row.conflictNo === cursor}
                  onModel={apply}
                  onEdit={(index) => setEditing({ index, text: chunkResultLines(model, index).join('') })}
                />
              )}
              wrapLine={(row, content) => <DropLine line={row.line}>{content}</DropLine>}
            />
            <DropLine line={resultLineCount(model)}>
              <div
                className={`drop-end${pickup?.line === resultLineCount(model) ? ' drop-caret' : ''}`}
                data-testid="result-end"
              >
                end of result
              </div>
            </DropLine>
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
                  apply(editChunk(model, editing.index, editing.text));
                  setEditing(null);
                }}
              >
                Apply
              </button>
            </div>
          </div>
        )}
      </div>
    </DndContext>
  );
}

function conflictIndexCount(model: MergeModel): number {
  return model.conflictIndexes.length;
}

/** Base has no header rows: scroll it to the first line of the chunk the result row belongs to. */
function baseRowFor(rows: { base: PaneRow[]; result: PaneRow[] }, resultRow: number): number {
  const chunk = rows.result[resultRow]?.chunk;
  if (chunk === undefined) return -1;
  const i = rows.base.findIndex((r) => r.chunk >= chunk);
  return i === -1 ? rows.base.length - 1 : i;
}

function SideHeader({
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

function DropLine({ line, children }: { line: number; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: `line-${line}`, data: { line } });
  return (
    <div ref={setNodeRef} className={isOver ? 'drop-over' : undefined} data-drop-line={line}>
      {children}
    </div>
  );
}

function ResultHeader(props: {
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
  return (
    <div
      className={`result-header${props.current ? ' current' : ''}${state.handled ? ' handled' : ''}`}
      data-testid={`resolver-chunk-${conflictNo}`}
      data-state={status}
    >
      <span className="chunk-label">#{conflictNo}</span>
      {TAKES.map((t) => (
        <button
          key={t.testId}
          type="button"
          className="btn btn-tiny"
          aria-pressed={state.accepted === t.accepted && !state.edited}
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
