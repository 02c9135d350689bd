import { ValidationError } from '../../src-shared/errors.js';
import { describeStorageError } from '../storage/quota.js';

/**
 * The sentence to show a person for a failed action. Validation errors are
 * already written for people; anything else gets a lead-in so the user knows
 * what did not happen.
 */
export function describeError(err: unknown, failedAction: string): string {
  if (err instanceof ValidationError) return err.message;
  // A full disk is not a bug report: say what happened to the work and what to do.
  const storage = describeStorageError(err);
  if (storage) return storage;
  const detail = err instanceof Error ? err.message : String(err);
  return detail ? `${failedAction}: ${detail}` : failedAction;
}
