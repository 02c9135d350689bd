import type { z } from 'zod';
import { ValidationError } from '../../src-shared/errors.js';

/** Checks a value handed to the database; bad input is refused before anything is written. */
export function checkInput<T>(model: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = model.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new ValidationError(
    `Invalid ${what}${where}: ${issue?.message ?? 'invalid'}`,
    issue?.path.join('.') || undefined,
  );
}
