import type { DiffHunk } from './line-diff.js';
import type { MergeRegion } from './merge-regions.js';
import { Source } from './merge-regions.js';
import type { MergeChunk } from './types.js';

/**
 * Turns the merge regions (which, like git's, only know local and remote
 * positions) into chunks that also say which base lines they replace.
 *
 * The result is cut into pieces along local lines: the regions, and the gaps
 * between them (copied from local). A base line that local kept maps to one
 * local line, so most cuts are exact. Base lines that local changed sit in a
 * local hunk; all of them go to one piece touching that hunk — a conflict if
 * there is one (so the merge UI shows the base next to the conflict), else a
 * local change, else the gap — and the other pieces get none of them.
 */

export interface ChunkInput {
  base: readonly string[];
  local: readonly string[];
  remote: readonly string[];
  regions: readonly MergeRegion[];
  localHunks: readonly DiffHunk[];
  /** The marker line ending for a conflict region (git's is_cr_needed). */
  markerEol: (region: MergeRegion) => '\r\n' | undefined;
}

type PieceKind = 'gap' | 'local' | 'remote' | 'conflict';

interface Piece {
  kind: PieceKind;
  /** local lines [a, b) */
  a: number;
  b: number;
  region: MergeRegion | null;
}

const OWNER_PRIORITY: Record<PieceKind, number> = { conflict: 0, local: 1, gap: 2, remote: 3 };

export function buildChunks(input: ChunkInput): MergeChunk[] {
  const pieces = piecesOf(input);
  const cuts = baseCuts(pieces, input.localHunks, input.base.length);
  const chunks: MergeChunk[] = [];
  const gaps = new GapReader(input);
  pieces.forEach((piece, j) => {
    const baseStart = cuts[j] as number;
    const baseEnd = cuts[j + 1] as number;
    if (piece.kind === 'gap') gaps.read(piece.a, piece.b, baseStart, baseEnd, chunks);
    else chunks.push(regionChunk(input, piece, baseStart, baseEnd));
  });
  return chunks.filter((c) => c.baseEnd > c.baseStart || (c.kind === 'conflict' ? true : c.lines.length > 0));
}

/** Regions and the gaps around them (possibly empty), in local order. Same-as-both regions are gap. */
function piecesOf(input: ChunkInput): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const region of input.regions) {
    if (region.source === Source.Same) continue;
    pieces.push({ kind: 'gap', a: at, b: region.i1, region: null });
    const kind =
      region.source === Source.Conflict ? 'conflict' : region.source === Source.Local ? 'local' : 'remote';
    pieces.push({ kind, a: region.i1, b: region.i1 + region.chg1, region });
    at = region.i1 + region.chg1;
  }
  pieces.push({ kind: 'gap', a: at, b: input.local.length, region: null });
  return pieces;
}

/** The base position of every boundary between pieces (plus 0 and the base length at the ends). */
function baseCuts(pieces: readonly Piece[], hunks: readonly DiffHunk[], baseLength: number): number[] {
  const owners = hunks.map((hunk) => (hunk.chg1 > 0 ? ownerOf(pieces, hunk) : -1));
  const cuts = [0];
  let h = 0;
  let shift = 0; // local minus base, over the hunks wholly before the boundary
  for (let j = 1; j < pieces.length; j++) {
    const p = (pieces[j] as Piece).a;
    while (h < hunks.length && (hunks[h] as DiffHunk).i2 + (hunks[h] as DiffHunk).chg2 < p) {
      shift += (hunks[h] as DiffHunk).chg2 - (hunks[h] as DiffHunk).chg1;
      h++;
    }
    const hunk = hunks[h];
    if (hunk && hunk.i2 <= p && p <= hunk.i2 + hunk.chg2) {
      cuts.push(hunk.chg1 === 0 || j <= (owners[h] as number) ? hunk.i1 : hunk.i1 + hunk.chg1);
    } else {
      cuts.push(p - shift);
    }
  }
  cuts.push(baseLength);
  return cuts;
}

/** The piece that takes the base lines of a local hunk. */
function ownerOf(pieces: readonly Piece[], hunk: DiffHunk): number {
  const s = hunk.i2;
  const e = hunk.i2 + hunk.chg2;
  let best = -1;
  for (let j = firstPieceEndingAtOrAfter(pieces, s); j < pieces.length; j++) {
    const piece = pieces[j] as Piece;
    if (piece.a > e) break;
    const touches =
      s === e
        ? piece.a <= s && s <= piece.b
        : (piece.a < e && piece.b > s) || (piece.a === piece.b && s <= piece.a);
    if (!touches) continue;
    if (best === -1 || OWNER_PRIORITY[piece.kind] < OWNER_PRIORITY[(pieces[best] as Piece).kind]) best = j;
  }
  return best;
}

function firstPieceEndingAtOrAfter(pieces: readonly Piece[], position: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pieces[mid] as Piece).b < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function regionChunk(input: ChunkInput, piece: Piece, baseStart: number, baseEnd: number): MergeChunk {
  const region = piece.region as MergeRegion;
  const baseLines = input.base.slice(baseStart, baseEnd);
  const localLines = input.local.slice(region.i1, region.i1 + region.chg1);
  if (piece.kind === 'conflict') {
    const remoteLines = input.remote.slice(region.i2, region.i2 + region.chg2);
    const markerEol = input.markerEol(region);
    const chunk: MergeChunk = { kind: 'conflict', baseStart, baseEnd, baseLines, localLines, remoteLines };
    if (markerEol) chunk.markerEol = markerEol;
    return chunk;
  }
  if (piece.kind === 'remote') {
    const lines = input.remote.slice(region.i2, region.i2 + region.chg2);
    return { kind: 'remote', baseStart, baseEnd, baseLines, lines };
  }
  return { kind: 'local', baseStart, baseEnd, baseLines, lines: localLines };
}

/**
 * Splits gaps (lines copied from local) into unchanged runs — local lines
 * that are base lines — and the changes both sides made alike between them.
 * Gaps are read in order, so one cursor over the local hunks serves them all.
 */
class GapReader {
  private h = 0;
  private shift = 0;

  constructor(private readonly input: ChunkInput) {}

  read(a: number, b: number, baseStart: number, baseEnd: number, out: MergeChunk[]): void {
    let local = a;
    let base = baseStart;
    let l = a;
    while (l < b) {
      const hunk = this.hunkAt(l);
      if (hunk) {
        l = Math.min(b, hunk.i2 + hunk.chg2);
        continue;
      }
      const runStart = l;
      const runBase = l - this.shift;
      l++;
      // A run of unchanged lines ends at a hunk, or where local dropped base lines (the shift moves).
      while (l < b && !this.hunkAt(l) && l - this.shift === runBase + (l - runStart)) l++;
      this.pushBoth(local, runStart, base, runBase, out);
      out.push({
        kind: 'unchanged',
        baseStart: runBase,
        baseEnd: runBase + (l - runStart),
        lines: this.slice(runStart, l),
      });
      local = l;
      base = runBase + (l - runStart);
    }
    this.pushBoth(local, b, base, baseEnd, out);
  }

  /** The local hunk covering local line l, moving the cursor past hunks that end before it. */
  private hunkAt(l: number): DiffHunk | null {
    const hunks = this.input.localHunks;
    while (this.h < hunks.length && (hunks[this.h] as DiffHunk).i2 + (hunks[this.h] as DiffHunk).chg2 <= l) {
      this.shift += (hunks[this.h] as DiffHunk).chg2 - (hunks[this.h] as DiffHunk).chg1;
      this.h++;
    }
    const hunk = hunks[this.h];
    return hunk && hunk.i2 <= l ? hunk : null;
  }

  private pushBoth(a: number, b: number, baseStart: number, baseEnd: number, out: MergeChunk[]): void {
    if (a === b && baseStart === baseEnd) return;
    const lines = this.slice(a, b);
    const baseLines = this.input.base.slice(baseStart, baseEnd);
    if (lines.length === baseLines.length && lines.every((line, i) => line === baseLines[i])) {
      out.push({ kind: 'unchanged', baseStart, baseEnd, lines });
    } else {
      out.push({ kind: 'both', baseStart, baseEnd, baseLines, lines });
    }
  }

  private slice(a: number, b: number): string[] {
    return this.input.local.slice(a, b);
  }
}
