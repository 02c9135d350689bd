import { buildChunks } from './chunks.js';
import { LineCounter } from './line-diff.js';
import { LineIds, baseText, isCrlf } from './lines.js';
import type { MergeRegion } from './merge-regions.js';
import { planMerge } from './merge-regions.js';
import type { ConflictChunk, MergeChunk, MergeMarkers, MergeResult } from './types.js';

const ALNUM = /[A-Za-z0-9]/;
const DEFAULT_MARKERS: MergeMarkers = { local: 'local', remote: 'remote' };

/**
 * Three-way, line-based merge of `local` and `remote`, both descended from
 * `base`. Gives the same result as `git merge-file -p local base remote`:
 * the same clean text when git merges cleanly, the same conflicts otherwise.
 */
export function mergeText(base: string, local: string, remote: string): MergeResult {
  const ids = new LineIds();
  const original = baseText(base, ids);
  const { lines: baseLines, ids: baseIds } = original;
  const { lines: localLines, ids: localIds } = ids.internLike(local, original);
  const { lines: remoteLines, ids: remoteIds } = ids.internLike(remote, original);
  const plan = planMerge({
    base: baseIds,
    local: localIds,
    remote: remoteIds,
    hasAlnum: (i) => ALNUM.test(localLines[i] as string),
    counter: new LineCounter(ids.size),
  });
  const chunks = buildChunks({
    base: baseLines,
    local: localLines,
    remote: remoteLines,
    regions: plan.regions,
    localHunks: plan.localHunks,
    markerEol: (region) => (needsCr(baseLines, localLines, remoteLines, region) ? '\r\n' : undefined),
  });
  const conflicts = chunks.reduce((n, chunk) => n + (chunk.kind === 'conflict' ? 1 : 0), 0);
  return { chunks, conflicts, clean: conflicts === 0 };
}

/**
 * The merged text; each conflict is written with git-style markers
 * (`<<<<<<< local`, `=======`, `>>>>>>> remote`).
 */
export function mergedText(result: MergeResult, markers: MergeMarkers = DEFAULT_MARKERS): string {
  const out: string[] = [];
  for (const chunk of result.chunks) {
    if (chunk.kind === 'conflict') writeConflict(out, chunk, markers);
    else out.push(chunk.lines.join(''));
  }
  return out.join('');
}

function writeConflict(out: string[], chunk: ConflictChunk, markers: MergeMarkers): void {
  const eol = chunk.markerEol ?? '\n';
  out.push(`<<<<<<< ${markers.local}${eol}`);
  writeSide(out, chunk.localLines, eol);
  out.push(`=======${eol}`);
  writeSide(out, chunk.remoteLines, eol);
  out.push(`>>>>>>> ${markers.remote}${eol}`);
}

/** A side's lines; a last line without a newline gets one so the marker starts a line. */
function writeSide(out: string[], lines: readonly string[], eol: string): void {
  for (const line of lines) out.push(line);
  const last = lines[lines.length - 1];
  if (last !== undefined && !last.endsWith('\n')) out.push(eol);
}

/**
 * True when the text holds a conflict marker line: seven '<', '=', '>' or '|'
 * followed by a space or the end of the line (what `git diff --check` flags).
 */
export function hasConflictMarkers(text: string): boolean {
  return /^([<=>|])\1{6}(?:\s|$)/m.test(text);
}

/** The chunks' conflicts, for a merge UI that walks them one by one. */
export function conflictChunks(result: MergeResult): ConflictChunk[] {
  return result.chunks.filter((chunk): chunk is ConflictChunk => chunk.kind === 'conflict');
}

/**
 * Whether conflict markers should end in CRLF: git looks at the line before
 * the conflict (or the first line) in local, remote and base, in that order,
 * and uses CRLF only if all of them do.
 */
function needsCr(base: string[], local: string[], remote: string[], region: MergeRegion): boolean {
  let crlf = eolIsCrlf(local, region.i1 ? region.i1 - 1 : 0);
  if (crlf !== 0) crlf = eolIsCrlf(remote, region.i2 ? region.i2 - 1 : 0);
  // git checks the base at the local index, too.
  if (crlf !== 0) crlf = eolIsCrlf(base, region.i1 ? region.i1 - 1 : 0);
  return crlf > 0;
}

/** 1 for CRLF, 0 for LF, -1 when the file cannot tell (empty, or one line without an ending). */
function eolIsCrlf(lines: readonly string[], index: number): number {
  if (lines.length === 0) return -1;
  const i = Math.min(index, lines.length - 1);
  if (i < lines.length - 1) return isCrlf(lines[i]) ? 1 : 0;
  const last = lines[i] as string;
  if (last.endsWith('\n')) return isCrlf(last) ? 1 : 0;
  if (i === 0) return -1;
  return isCrlf(lines[i - 1]) ? 1 : 0;
}

export type { MergeChunk };
