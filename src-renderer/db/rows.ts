import type { z } from 'zod';
import { StoredDataError } from './errors.js';

/**
 * Checks a row read from RxDB against its model. zod drops RxDB's own fields
 * (_rev, _meta, _deleted, _attachments) because model objects are not
 * passthrough.
 */
export function readRow<T>(model: z.ZodType<T>, collection: string, raw: unknown): T {
  const parsed = model.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new StoredDataError(collection, rowIdOf(raw), `${where}${issue?.message ?? 'invalid'}`);
}

function rowIdOf(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '?';
  const row = raw as Record<string, unknown>;
  const id = row.id ?? row.path ?? row.key;
  return typeof id === 'string' ? id : '?';
}

/** Copies a model object without undefined fields (IndexedDB would keep them as keys). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
