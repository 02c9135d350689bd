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
 */
export function batchDependencies(batches: readonly (readonly OpBody[])[]): number[][] {
  const batchOf = new Map<string, number>();
  batches.forEach((batch, index) => batch.forEach((op) => batchOf.set(op.id, index)));
  return batches.map((batch, index) => {
    const needs = new Set<number>();
    for (const op of batch) {
      for (const parent of op.parents) {
        const at = batchOf.get(parent);
        if (at !== undefined && at < index) needs.add(at);
      }
    }
    return [...needs].sort((a, b) => a - b);
  });
}

/** The batches that must be done before `index` is sent: its parents' batches and the window's bound. */
export function waitsBeforeSending(dependencies: readonly number[][], index: number): number[] {
  const bound = index - PUSH_WINDOW;
  const needs = new Set(dependencies[index] ?? []);
  if (bound >= 0) needs.add(bound);
  return [...needs].sort((a, b) => a - b);
}
