import { ValidationError } from '../../src-shared/errors.js';

/**
 * The sentence to show a person for a failed action. Validation errors are
 * already written for people; anything else gets a lead-in so the user knows
 * what did not happen.
 */
export function describeError(err: unknown, failedAction: string): string {
  if (err instanceof ValidationError) return err.message;
  const detail = err instanceof Error ? err.message : String(err);
  return detail ? `${failedAction}: ${detail}` : failedAction;
}
