import { z } from 'zod';

/** A span of change positions whose history is still to be fetched: after `since`, up to `until`. */
export interface FillRange {
  since: number;
  until: number;
}

const RangeSchema = z.object({
  since: z.number().int().nonnegative(),
  until: z.number().int().nonnegative(),
});
/** As stored: one range (what a heads-first start writes) or the ranges a split fill has left. */
const StoredFillSchema = z.union([RangeSchema, z.object({ ranges: z.array(RangeSchema) })]);

/** The ranges a stored fill record has left, or null when there is none (or it is unreadable). */
export function fillRangesOf(stored: unknown): FillRange[] | null {
  const parsed = StoredFillSchema.safeParse(stored);
  if (!parsed.success) return null;
  return 'ranges' in parsed.data ? parsed.data.ranges : [parsed.data];
}

/** The record to store for these ranges: only those with something left; undefined when none has. */
export function storedFill(ranges: readonly FillRange[]): { ranges: FillRange[] } | undefined {
  const left = ranges.filter((range) => range.since < range.until).map((range) => ({ ...range }));
  return left.length > 0 ? { ranges: left } : undefined;
}

/**
 * Splits one range into up to `parts` ranges of equal span, none shorter
 * than `minSpan`, so as many walks can fetch pages at once: a page comes
 * back slower than it is stored, and each walk waits for its pages in turn.
 * A record already split keeps its ranges.
 */
export function splitFill(ranges: readonly FillRange[], parts: number, minSpan: number): FillRange[] {
  const [only] = ranges;
  if (ranges.length !== 1 || !only) return ranges.map((range) => ({ ...range }));
  const span = only.until - only.since;
  const count = Math.max(1, Math.min(parts, Math.floor(span / Math.max(1, minSpan))));
  const split: FillRange[] = [];
  for (let i = 0; i < count; i++) {
    const since = only.since + Math.floor((span * i) / count);
    const until = i === count - 1 ? only.until : only.since + Math.floor((span * (i + 1)) / count);
    split.push({ since, until });
  }
  return split;
}

/** How much is fetched, as positions out of the whole span (`total` is the record's first until). */
export function fillDone(ranges: readonly FillRange[], total: number): number {
  const left = ranges.reduce((sum, range) => sum + Math.max(0, range.until - range.since), 0);
  return Math.max(0, total - left);
}
