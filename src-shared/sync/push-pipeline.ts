import type { OpBody } from '../model/index.js';

/**
 * How many push batches may travel at once. A batch spends most of its trip
 * waiting: for the server to read and check it, for the database (whose
 * writes take positions one at a time), for its answer. With three in flight
 * one is being written while the next is checked and the answer to the one
 * before is read; a fourth only queued at the server (measured: no faster,
 * and noisier). On a slow hotel link it hides the latency as well.
 */
export const PUSH_WINDOW = 3;

/**
 * For each batch, the earlier batches it must wait for: those holding a
 * parent of one of its ops. The server decides an op's status from its
 * parents (a rename's source namespace counts), so a parent must be stored
 * before its child is checked — batches that share no parent link can
 * travel together, the others go one after the other, as before.
 *
 * Worked out batch by batch as they are sent, not all before the first:
 * indexing a hundred thousand ops up front held the first batch back by a
 * tenth of a second, while later batches are indexed as answers are awaited.
 */
export class BatchDependencies {
  private readonly batchOf = new Map<string, number>();
  private indexed = 0;

  constructor(private readonly batches: readonly (readonly OpBody[])[]) {}

  /** The earlier batches that hold a parent of an op of batch `index`, ascending. */
  of(index: number): number[] {
    for (; this.indexed < index; this.indexed++) {
      for (const op of this.batches[this.indexed] ?? []) this.batchOf.set(op.id, this.indexed);
    }
    const needs = new Set<number>();
    for (const op of this.batches[index] ?? []) {
      for (const parent of op.parents) {
        const at = this.batchOf.get(parent);
        if (at !== undefined && at < index) needs.add(at);
      }
    }
    return [...needs].sort((a, b) => a - b);
  }
}

/** The batches that must be done before `index` is sent: its parents' batches and the window's bound. */
export function waitsBeforeSending(parentBatches: readonly number[], index: number): number[] {
  const bound = index - PUSH_WINDOW;
  const needs = new Set(parentBatches);
  if (bound >= 0) needs.add(bound);
  return [...needs].sort((a, b) => a - b);
}
