/**
 * A merge result as a list of chunks for a merge UI. Chunks follow each other
 * in the base and in the result: each covers base lines [baseStart, baseEnd),
 * and consecutive chunks are contiguous, so together they cover the base.
 *
 * Lines keep their line endings ('\n' or '\r\n'); only the very last line of
 * a file may have none. Joining the lines of a chunk gives its text exactly.
 *
 * - unchanged: nobody changed these base lines.
 * - local / remote: only that side changed them; `lines` is its version.
 * - both: both sides made this same change.
 * - conflict: the sides changed them differently.
 */
export type MergeChunk =
  | { kind: 'unchanged'; baseStart: number; baseEnd: number; lines: string[] }
  | {
      kind: 'local' | 'remote' | 'both';
      baseStart: number;
      baseEnd: number;
      baseLines: string[];
      lines: string[];
    }
  | {
      kind: 'conflict';
      baseStart: number;
      baseEnd: number;
      baseLines: string[];
      localLines: string[];
      remoteLines: string[];
      /** Set when the file around the conflict uses CRLF, so markers written for it do too (as git does). */
      markerEol?: '\r\n';
    };

export type ConflictChunk = Extract<MergeChunk, { kind: 'conflict' }>;

export interface MergeResult {
  chunks: MergeChunk[];
  /** How many conflict chunks there are (git merge-file's exit status). */
  conflicts: number;
  clean: boolean;
}

/** Labels written after the conflict markers. */
export interface MergeMarkers {
  local: string;
  remote: string;
}
