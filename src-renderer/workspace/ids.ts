/**
 * A new random id for ops, items and branches (36 characters, fits IdSchema).
 * crypto.randomUUID exists only in secure contexts; browser mode served over
 * plain http from another machine is not one, so fall back to getRandomValues,
 * which every context has.
 */
export function newRandomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
