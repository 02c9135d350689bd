const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL could not keep `text` exactly, or null. A NUL is refused by
 * the store, and a lone surrogate would be stored as U+FFFD — the op would
 * then differ from what the client holds and every re-push would conflict.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'holds a NUL character';
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (a lone surrogate)';
  return null;
}
