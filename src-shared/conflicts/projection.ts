import type { MergeModel } from './merge-model.js';
import { chunkResultLines, chunkState } from './merge-model.js';

/**
 * A readable picture of a model for tests: one header per chunk that is not
 * plain unchanged text, then the chunk's result lines. Unchanged chunks show
 * only their lines, prefixed with two spaces.
 *
 *   a
 *   ┌ #1 conflict b1-2 open
 *   │ <<<<<<< local
 *   ...
 */
export function describeModel(model: MergeModel): string {
  const out: string[] = [];
  for (const chunk of model.chunks) {
    const lines = chunkResultLines(model, chunk.index);
    if (chunk.source.kind === 'unchanged') {
      for (const line of lines) out.push(`  ${show(line)}`);
      continue;
    }
    out.push(`┌ ${header(model, chunk.index)}`);
    for (const line of lines) out.push(`│ ${show(line)}`);
  }
  return out.join('\n');
}

function header(model: MergeModel, index: number): string {
  const chunk = model.chunks[index];
  if (!chunk) return '?';
  if (!chunk.conflictNo) return `${chunk.source.kind} ${chunk.key}`;
  const state = chunkState(model, index);
  const status = !state.handled
    ? 'open'
    : state.edited
      ? 'edited'
      : state.accepted === 'none'
        ? 'handled'
        : `took ${state.accepted}`;
  return `#${chunk.conflictNo} conflict ${chunk.key} ${status}`;
}

function show(line: string): string {
  return line.endsWith('\r\n')
    ? `${line.slice(0, -2)}⏎`
    : line.endsWith('\n')
      ? line.slice(0, -1)
      : `${line}∅`;
}
