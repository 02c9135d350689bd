/**
 * A tiny benchmark harness. A bench measures one thing and returns a result
 * with its own baseline (what it is compared against) and a target. Benches
 * live in bench/suites/*.ts, each file exporting `benches`; bench/run.ts
 * loads every suite, so adding a bench means adding or editing a suite file.
 */

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with (same unit), or null when there is nothing to compare. */
  baseline: number | null;
  /** value / baseline, or null without a baseline. */
  ratio: number | null;
  /** e.g. "< 1000 ms" (on the value) or "ratio <= 1" (on the ratio). */
  target: string;
}

export interface Bench {
  name: string;
  run: () => BenchResult | Promise<BenchResult>;
}

export function result(fields: Omit<BenchResult, 'ratio'> & { ratio?: number | null }): BenchResult {
  const ratio = fields.ratio ?? (fields.baseline ? fields.value / fields.baseline : null);
  return {
    name: fields.name,
    value: round(fields.value),
    unit: fields.unit,
    baseline: fields.baseline === null ? null : round(fields.baseline),
    ratio: ratio === null ? null : round(ratio),
    target: fields.target,
  };
}

/** Ops per second of a measured run against its baseline run of the same ops (higher is better). */
export function throughput(
  name: string,
  ops: number,
  ms: number,
  baselineMs: number,
  target: string,
): BenchResult {
  return result({
    name,
    value: ops / (ms / 1000),
    unit: 'ops/s',
    baseline: ops / (baselineMs / 1000),
    target,
  });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median wall time of `fn` in ms over `runs` runs, after `warmup` untimed runs. */
export function timeMedian(fn: () => unknown, { runs = 9, warmup = 3 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const TARGET = /^\s*(ratio\s*)?(<=|<|>=|>)\s*(-?\d+(?:\.\d+)?)/;

/**
 * Whether a result meets its target. Targets compare the value ("< 1000 ms")
 * or the ratio ("ratio <= 1"); anything else cannot be checked and fails.
 */
export function meetsTarget(r: BenchResult): boolean {
  const match = TARGET.exec(r.target);
  if (!match) return false;
  const subject = match[1] ? r.ratio : r.value;
  if (subject === null) return false;
  const limit = Number(match[3]);
  switch (match[2]) {
    case '<':
      return subject < limit;
    case '<=':
      return subject <= limit;
    case '>':
      return subject > limit;
    default:
      return subject >= limit;
  }
}
