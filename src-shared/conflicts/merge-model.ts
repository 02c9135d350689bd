import { interleaveSides, mergeText, splitLines } from '../merge/index.js';
import type { ConflictChunk, MergeChunk } from '../merge/index.js';

/**
 * A three-way merge as an editable model, the way a merge editor sees it.
 * The base is cut into chunks (from mergeText); every chunk has a state, and
 * the result is the chunks' result lines in order. States are immutable
 * values, so undo/redo is a stack of whole states and a change only copies
 * the array of chunk states (the states themselves are shared).
 *
 * "Accepted" (which sides a chunk takes) is kept apart from "handled" (the
 * user has dealt with it): a manual edit or a drop handles a chunk without
 * accepting either side.
 */

export type Accepted = 'none' | 'local' | 'remote' | 'both-local-first' | 'both-remote-first';

export interface ChunkState {
  readonly accepted: Accepted;
  readonly handled: boolean;
  /** Lines typed or dropped by the user; when set they are the chunk's result. */
  readonly edited: readonly string[] | null;
}

export interface ModelChunk {
  /** Stable key: the base line range, `b<start>-<end>` (+ `#n` if two chunks share it). */
  readonly key: string;
  readonly index: number;
  /** 1-based number among the conflicts, or 0 for a chunk that merged by itself. */
  readonly conflictNo: number;
  readonly source: MergeChunk;
  /**
   * For a conflict whose sides changed different lines: both edits applied to
   * the base in base order (what "take both" gives then, in either order).
   * Null when the edits overlap, and "take both" stacks the sides.
   */
  readonly interleaved: readonly string[] | null;
}

export interface MergeState {
  readonly chunks: readonly ChunkState[];
}

export interface MergeModel {
  readonly base: string;
  readonly local: string;
  readonly remote: string;
  readonly chunks: readonly ModelChunk[];
  /** Chunk indexes of the conflicts, in order. */
  readonly conflictIndexes: readonly number[];
  readonly history: readonly MergeState[];
  /** Position of the current state in `history`. */
  readonly at: number;
}

const AUTO: ChunkState = Object.freeze({ accepted: 'none', handled: true, edited: null });
const OPEN: ChunkState = Object.freeze({ accepted: 'none', handled: false, edited: null });

export const LOCAL_MARKER = '<<<<<<< local';
export const REMOTE_MARKER = '>>>>>>> remote';

export function createMergeModel(base: string, local: string, remote: string): MergeModel {
  const merged = mergeText(base, local, remote);
  const seen = new Map<string, number>();
  const conflictIndexes: number[] = [];
  const chunks = merged.chunks.map((source, index): ModelChunk => {
    const range = `b${source.baseStart}-${source.baseEnd}`;
    const dup = seen.get(range) ?? 0;
    seen.set(range, dup + 1);
    const isConflict = source.kind === 'conflict';
    if (isConflict) conflictIndexes.push(index);
    return Object.freeze({
      key: dup ? `${range}#${dup}` : range,
      index,
      conflictNo: isConflict ? conflictIndexes.length : 0,
      source,
      interleaved:
        source.kind === 'conflict'
          ? interleaveSides(source.baseLines, source.localLines, source.remoteLines)
          : null,
    });
  });
  const first: MergeState = Object.freeze({
    chunks: Object.freeze(chunks.map((c) => (c.conflictNo ? OPEN : AUTO))),
  });
  return Object.freeze({
    base,
    local,
    remote,
    chunks: Object.freeze(chunks),
    conflictIndexes: Object.freeze(conflictIndexes),
    history: Object.freeze([first]),
    at: 0,
  });
}

export function currentState(model: MergeModel): MergeState {
  return model.history[model.at] as MergeState;
}

export function chunkState(model: MergeModel, index: number): ChunkState {
  const state = currentState(model).chunks[index];
  if (!state) throw new RangeError(`There is no chunk ${index}`);
  return state;
}

/** The chunk index of conflict number `conflictNo` (1-based); a clear error for a bad number. */
export function conflictIndex(model: MergeModel, conflictNo: number): number {
  const index = model.conflictIndexes[conflictNo - 1];
  if (index === undefined) {
    throw new RangeError(`There is no conflict ${conflictNo} (there are ${model.conflictIndexes.length})`);
  }
  return index;
}

/** Lines a chunk gives the result now. An open conflict shows git-style markers. */
export function chunkResultLines(model: MergeModel, index: number): readonly string[] {
  const chunk = model.chunks[index] as ModelChunk;
  const state = chunkState(model, index);
  if (state.edited) return state.edited;
  const source = chunk.source;
  if (source.kind !== 'conflict') return source.lines;
  switch (state.accepted) {
    case 'local':
      return source.localLines;
    case 'remote':
      return source.remoteLines;
    case 'both-local-first':
      return chunk.interleaved ?? joinBlocks(source.localLines, source.remoteLines);
    case 'both-remote-first':
      return chunk.interleaved ?? joinBlocks(source.remoteLines, source.localLines);
    case 'none':
      return state.handled ? source.baseLines : markerLines(source.localLines, source.remoteLines);
  }
}

/** Two blocks one after the other; the first gets a newline if it lacked one. */
function joinBlocks(a: readonly string[], b: readonly string[]): string[] {
  return [...withNewline(a), ...b];
}

function withNewline(lines: readonly string[]): string[] {
  const out = [...lines];
  const last = out[out.length - 1];
  if (last !== undefined && !last.endsWith('\n')) out[out.length - 1] = `${last}\n`;
  return out;
}

function markerLines(local: readonly string[], remote: readonly string[]): string[] {
  return [
    `${LOCAL_MARKER}\n`,
    ...withNewline(local),
    '=======\n',
    ...withNewline(remote),
    `${REMOTE_MARKER}\n`,
  ];
}

export function resultLines(model: MergeModel): string[] {
  const out: string[] = [];
  for (let i = 0; i < model.chunks.length; i++) {
    for (const line of chunkResultLines(model, i)) out.push(line);
  }
  return out;
}

export function resultText(model: MergeModel): string {
  return resultLines(model).join('');
}

/** Conflicts nobody has handled yet. */
export function conflictsLeft(model: MergeModel): number {
  const states = currentState(model).chunks;
  let left = 0;
  for (const index of model.conflictIndexes) if (!(states[index] as ChunkState).handled) left++;
  return left;
}

export function conflictsLeftLabel(model: MergeModel): string {
  const n = conflictsLeft(model);
  return n === 0 ? 'No conflicts left' : n === 1 ? '1 conflict left' : `${n} conflicts left`;
}

// ---- changes: each returns a new model with one more state on the stack ----

/** One more state on the undo stack (for changes made outside this file, e.g. result-edit.ts). */
export function commit(model: MergeModel, chunks: readonly ChunkState[]): MergeModel {
  const history = [...model.history.slice(0, model.at + 1), Object.freeze({ chunks: Object.freeze(chunks) })];
  return Object.freeze({ ...model, history: Object.freeze(history), at: history.length - 1 });
}

function withChunk(model: MergeModel, index: number, state: ChunkState): MergeModel {
  const chunks = [...currentState(model).chunks];
  chunks[index] = Object.freeze(state);
  return commit(model, chunks);
}

/** Takes a side (or both, in an order) for conflict number `conflictNo`; drops any manual edit. */
export function accept(model: MergeModel, conflictNo: number, accepted: Accepted): MergeModel {
  const index = conflictIndex(model, conflictNo);
  return withChunk(model, index, { accepted, handled: accepted !== 'none', edited: null });
}

/**
 * Marks a conflict handled or not without touching its lines (like the
 * merge editor's "mark as handled"): a hand-edited result can be declared
 * done, or a taken side reopened for another look.
 */
export function setHandled(model: MergeModel, conflictNo: number, handled: boolean): MergeModel {
  const index = conflictIndex(model, conflictNo);
  const state = chunkState(model, index);
  if (state.handled === handled) return model;
  // An open, unedited conflict shows markers; keep what it shows now as its lines.
  const edited = state.edited ?? (state.handled ? null : chunkResultLines(model, index));
  return withChunk(model, index, { ...state, handled, edited });
}

/** Back to the open conflict (markers in the result). */
export function reset(model: MergeModel, conflictNo: number): MergeModel {
  return accept(model, conflictNo, 'none');
}

/** Takes one side for every conflict, handled or not (manual edits are replaced). */
export function acceptAll(model: MergeModel, side: 'local' | 'remote'): MergeModel {
  if (model.conflictIndexes.length === 0) return model;
  const chunks = [...currentState(model).chunks];
  const state: ChunkState = Object.freeze({ accepted: side, handled: true, edited: null });
  for (const index of model.conflictIndexes) chunks[index] = state;
  return commit(model, chunks);
}

/**
 * Replaces a chunk's result with typed text: handled, but neither side
 * accepted — unless the text is exactly what a side (or both) gives, which
 * then counts as taking it (see editedState).
 */
export function editChunk(model: MergeModel, index: number, text: string): MergeModel {
  if (!model.chunks[index]) throw new RangeError(`There is no chunk ${index}`);
  return withChunk(model, index, editedState(model, index, splitLines(text), 'none'));
}

const TAKEN_BY_HAND: readonly Exclude<Accepted, 'none'>[] = [
  'local',
  'remote',
  'both-local-first',
  'both-remote-first',
];

/**
 * The state of a chunk whose result became `lines` by hand (typed, dropped,
 * edited as text). As in VS Code's merge editor, lines equal to what a side,
 * or both, would give are recognised as taking it — "took remote", not
 * "edited" — and a merged-by-itself chunk edited back to its own lines is
 * itself again. Anything else is a manual edit; `accepted` is kept for the record.
 */
export function editedState(
  model: MergeModel,
  index: number,
  lines: readonly string[],
  accepted: Accepted,
): ChunkState {
  const chunk = model.chunks[index] as ModelChunk;
  const source = chunk.source;
  if (source.kind !== 'conflict') {
    if (sameLines(lines, source.lines)) return AUTO;
  } else {
    for (const side of TAKEN_BY_HAND) {
      if (sameLines(lines, takenLines(chunk, source, side)))
        return { accepted: side, handled: true, edited: null };
    }
  }
  return { accepted, handled: true, edited: Object.freeze([...lines]) };
}

function takenLines(
  chunk: ModelChunk,
  source: ConflictChunk,
  side: Exclude<Accepted, 'none'>,
): readonly string[] {
  if (side === 'local') return source.localLines;
  if (side === 'remote') return source.remoteLines;
  if (chunk.interleaved) return chunk.interleaved;
  return side === 'both-local-first'
    ? joinBlocks(source.localLines, source.remoteLines)
    : joinBlocks(source.remoteLines, source.localLines);
}

export function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

export interface DragSource {
  /** 1-based conflict number whose lines are dragged. */
  conflictNo: number;
  side: 'local' | 'remote';
}

/**
 * Drops a conflict's local or remote lines into the result before result line
 * `line` (0-based; the result's length appends). The chunk the line falls in
 * takes the lines at that spot. An open conflict that receives a drop — or is
 * just above the spot — is replaced by what is dropped into it, so dragging
 * local then remote under it builds "both" by hand.
 */
export function dropLines(model: MergeModel, source: DragSource, line: number): MergeModel {
  const from = model.chunks[conflictIndex(model, source.conflictNo)]?.source;
  if (!from || from.kind !== 'conflict') throw new RangeError(`Conflict ${source.conflictNo} has no sides`);
  const dropped = source.side === 'local' ? from.localLines : from.remoteLines;
  const total = resultLineCount(model);
  if (!Number.isInteger(line) || line < 0 || line > total) {
    throw new RangeError(`Line ${line} is outside the result (0–${total})`);
  }
  const { index, offset } = placement(model, line);
  const state = chunkState(model, index);
  const open = !state.handled;
  const current = open ? [] : [...chunkResultLines(model, index)];
  const at = open ? 0 : offset;
  const next = [...withNewline(current.slice(0, at)), ...dropped, ...current.slice(at)];
  const lastChunk = index === model.chunks.length - 1;
  const lines = lastChunk && at >= current.length ? next : withNewline(next);
  return withChunk(model, index, editedState(model, index, lines, 'none'));
}

export function resultLineCount(model: MergeModel): number {
  let n = 0;
  for (let i = 0; i < model.chunks.length; i++) n += chunkResultLines(model, i).length;
  return n;
}

/** Which chunk a drop before result line `line` goes to, and where in it. */
export function placement(model: MergeModel, line: number): { index: number; offset: number } {
  let start = 0;
  for (let i = 0; i < model.chunks.length; i++) {
    const length = chunkResultLines(model, i).length;
    // A drop on the boundary under an open conflict lands in that conflict.
    if (line === start + length && !chunkState(model, i).handled) return { index: i, offset: length };
    if (line < start + length) {
      const above = i > 0 ? chunkState(model, i - 1) : null;
      if (line === start && above && !above.handled) return { index: i - 1, offset: 0 };
      return { index: i, offset: line - start };
    }
    start += length;
  }
  return { index: Math.max(0, model.chunks.length - 1), offset: line - (start - lastLength(model)) };
}

function lastLength(model: MergeModel): number {
  return model.chunks.length ? chunkResultLines(model, model.chunks.length - 1).length : 0;
}

export function canUndo(model: MergeModel): boolean {
  return model.at > 0;
}

export function canRedo(model: MergeModel): boolean {
  return model.at < model.history.length - 1;
}

export function undo(model: MergeModel): MergeModel {
  return canUndo(model) ? Object.freeze({ ...model, at: model.at - 1 }) : model;
}

export function redo(model: MergeModel): MergeModel {
  return canRedo(model) ? Object.freeze({ ...model, at: model.at + 1 }) : model;
}

/** The next conflict after conflict `from` (0: from the top) that is still open; wraps around. */
export function nextOpenConflict(model: MergeModel, from: number, direction: 1 | -1 = 1): number | null {
  const n = model.conflictIndexes.length;
  const states = currentState(model).chunks;
  for (let step = 1; step <= n; step++) {
    const no = ((((from - 1 + direction * step) % n) + n) % n) + 1;
    if (!(states[model.conflictIndexes[no - 1] as number] as ChunkState).handled) return no;
  }
  return null;
}

/** Where each chunk starts in the result (one entry per chunk, plus the total at the end). */
export function resultOffsets(model: MergeModel): number[] {
  const offsets = [0];
  let at = 0;
  for (let i = 0; i < model.chunks.length; i++) {
    at += chunkResultLines(model, i).length;
    offsets.push(at);
  }
  return offsets;
}
