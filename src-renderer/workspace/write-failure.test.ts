import { afterEach, describe, expect, it } from 'vitest';
import { describeStorageError, isQuotaError } from '../storage/quota.js';
import { openFixture } from './testing.js';

/**
 * Disk or IndexedDB quota full: a write that fails is reported to the caller
 * and changes nothing — the item keeps its last saved content, the op log
 * holds no half-written op, and the next write after space is freed works.
 */
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

function quotaError(): Error {
  const err = new Error('The quota has been exceeded.');
  err.name = 'QuotaExceededError';
  return err;
}

describe('a failed write', () => {
  it('is reported with a clear message and corrupts nothing', async () => {
    const f = await openFixture();
    close = f.close;
    const item = await f.ws.createItem({ path: 'Acme.charge', kind: 'fn', content: 'v1' });
    const opsBefore = await f.db.ops.count();

    // Inject the failure in the database layer: every op insert now fails as a full disk does.
    const realInsert = f.db.ops.insert.bind(f.db.ops);
    f.db.ops.insert = () => Promise.reject(quotaError());
    const failed: unknown = await f.ws.updateContent(item.itemId, 'v2').catch((e: unknown) => e);
    expect(isQuotaError(failed)).toBe(true);
    expect(describeStorageError(failed)).toMatch(/storage is full/i);
    expect(await f.db.ops.count()).toBe(opsBefore);
    expect(f.ws.item(item.itemId)?.content).toBe('v1');

    // Space freed: the same edit now saves, once.
    f.db.ops.insert = realInsert;
    await f.ws.updateContent(item.itemId, 'v2');
    expect(await f.db.ops.count()).toBe(opsBefore + 1);
    expect(f.ws.item(item.itemId)?.content).toBe('v2');
  });
});
