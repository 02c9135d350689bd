export type { ConflictChunk, MergeChunk, MergeMarkers, MergeResult } from './types.js';
export { conflictChunks, hasConflictMarkers, mergeText, mergedText } from './merge-text.js';
export { splitLines } from './lines.js';
export { interleaveSides } from './interleave.js';
