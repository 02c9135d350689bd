import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdSchema } from '../../src-shared/model/index.js';
import { newRandomId } from './ids.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('newRandomId', () => {
  it('makes valid, distinct ids', () => {
    const ids = new Set(Array.from({ length: 100 }, newRandomId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(IdSchema.safeParse(id).success).toBe(true);
  });

  it('works where crypto.randomUUID is missing (plain-http browser mode)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    expect(typeof crypto.randomUUID).toBe('undefined');
    const id = newRandomId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
