import { LineTable, hashLine, splitAndHash } from './line-table.js';

/**
 * Text as lines. Each line keeps its own line ending ('\n', or '\r\n' as
 * '\r' + '\n'), and the last line has none when the text does not end with a
 * newline — so "a" and "a\n" are different last lines, as they are to git,
 * and joining lines gives back the text byte for byte.
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
    lines.push(text.slice(start, at + 1));
    start = at + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Gives every distinct line one small integer, shared by all files of one merge. */
export class LineIds {
  private readonly table = new LineTable();

  get size(): number {
    return this.table.size;
  }

  intern(lines: readonly string[]): Int32Array {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) out[i] = this.idOf(lines[i] as string);
    return out;
  }

  idOf(line: string): number {
    return this.table.idOf(line, hashLine(line));
  }

  /** Splits a text into lines and interns them, in one pass over its characters. */
  internText(text: string): { lines: string[]; ids: Int32Array; offsets: Int32Array } {
    const lines: string[] = [];
    const ids: number[] = [];
    const offsets = splitAndHash(text, (line, hash) => {
      lines.push(line);
      ids.push(this.table.idOf(line, hash));
    });
    return { lines, ids: Int32Array.from(ids), offsets: Int32Array.from(offsets) };
  }

  /**
   * Splits and interns a text that is mostly the base with some lines
   * changed — the usual case for a merge side. Runs of lines equal to the
   * base are found by comparing whole blocks of text at once (a native string
   * comparison, no hashing), halving the block to find where a change starts;
   * only lines that differ are cut out and hashed. The ids are the same as
   * `intern(splitLines(text))` would give; the walk only saves work.
   */
  internLike(text: string, base: BaseText): { lines: string[]; ids: Int32Array } {
    const walk = new SideWalk(text, base);
    let block = START_BLOCK;
    while (walk.at < text.length) {
      if (walk.takeBaseBlock(block)) {
        block = Math.min(block * 2, MAX_BLOCK);
      } else if (block > 1) {
        block >>= 1;
      } else {
        walk.takeChangedLine(this);
        block = START_BLOCK;
      }
    }
    return walk.result();
  }
}

/** The base text with its lines, their ids and where each line starts. */
export interface BaseText {
  text: string;
  lines: string[];
  ids: Int32Array;
  /** offsets[j] is where line j starts; offsets[lines.length] is the text length. */
  offsets: Int32Array;
}

export function baseText(text: string, ids: LineIds): BaseText {
  return { text, ...ids.internText(text) };
}

const START_BLOCK = 16;
const MAX_BLOCK = 256;

/** One side being read against the base: `at` in the side's text, `j` in the base lines. */
class SideWalk {
  at = 0;
  private j = 0;
  private readonly lines: string[] = [];
  private ids: Int32Array;
  private n = 0;

  constructor(
    private readonly text: string,
    private readonly base: BaseText,
  ) {
    this.ids = new Int32Array(base.lines.length + 16);
  }

  /** Takes up to `count` base lines if the text continues with exactly them. */
  takeBaseBlock(count: number): boolean {
    const { base, text, at, j } = this;
    const k = Math.min(count, base.lines.length - j);
    if (k <= 0) return false;
    const from = base.offsets[j] as number;
    const to = base.offsets[j + k] as number;
    if (at + (to - from) > text.length) return false;
    // A base last line without a newline only matches at the very end of the text.
    if (
      j + k === base.lines.length &&
      base.text.charCodeAt(to - 1) !== 10 &&
      at + (to - from) !== text.length
    ) {
      return false;
    }
    if (text.slice(at, at + (to - from)) !== base.text.slice(from, to)) return false;
    this.reserve(k);
    this.ids.set(base.ids.subarray(j, j + k), this.n);
    for (let i = j; i < j + k; i++) this.lines.push(base.lines[i] as string);
    this.n += k;
    this.at += to - from;
    this.j += k;
    return true;
  }

  /** Takes one line that is not the next base line. */
  takeChangedLine(ids: LineIds): void {
    const end = this.text.indexOf('\n', this.at);
    const line = this.text.slice(this.at, end === -1 ? this.text.length : end + 1);
    this.at += line.length;
    this.reserve(1);
    const skip = findAhead(this.base.lines, this.j + 1, line);
    if (skip !== -1) {
      // The side dropped some base lines; carry on from the one it has.
      this.lines.push(this.base.lines[skip] as string);
      this.ids[this.n++] = this.base.ids[skip] as number;
      this.j = skip + 1;
    } else {
      this.lines.push(line);
      this.ids[this.n++] = ids.idOf(line);
    }
  }

  result(): { lines: string[]; ids: Int32Array } {
    return { lines: this.lines, ids: this.ids.subarray(0, this.n) };
  }

  private reserve(count: number): void {
    if (this.n + count <= this.ids.length) return;
    const bigger = new Int32Array(Math.max(this.ids.length * 2, this.n + count));
    bigger.set(this.ids);
    this.ids = bigger;
  }
}

const LOOK_AHEAD = 16;

function findAhead(base: readonly string[], from: number, line: string): number {
  const last = Math.min(base.length, from + LOOK_AHEAD);
  for (let k = from; k < last; k++) if (base[k] === line) return k;
  return -1;
}

/** True when a line ends in '\r\n'. */
export function isCrlf(line: string | undefined): boolean {
  return line !== undefined && line.endsWith('\r\n');
}
