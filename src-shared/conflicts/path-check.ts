import { ItemPathSchema } from '../model/index.js';

/** A message when `path` is not a valid item path, else null. */
export function checkItemPath(path: string): string | null {
  const parsed = ItemPathSchema.safeParse(path);
  return parsed.success ? null : `Path "${path}": ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}
