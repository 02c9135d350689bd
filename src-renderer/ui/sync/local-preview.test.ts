import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixture } from '../../workspace/testing.js';
import { offlinePreview } from './local-preview.js';

let fx: Awaited<ReturnType<typeof openFixture>>;
beforeEach(async () => {
  fx = await openFixture();
});
afterEach(() => fx.close());

describe('offlinePreview', () => {
  it("lists the current branch's unacknowledged ops, oldest first, and nothing to receive", async () => {
    const item = await fx.ws.createItem({ path: 'Acme.charge', kind: 'fn' });
    fx.time.ms += 1000;
    await fx.ws.updateContent(item.itemId, 'x');
    const onMain = offlinePreview(fx.ws);
    expect(onMain.branchId).toBe('main');
    expect(onMain.toPush.map((op) => op.type)).toEqual(['create', 'update']);
    expect(onMain.toPull).toEqual({ count: 0, sample: [] });

    // Another branch has its own queue: main's unsent ops are not this branch's to send.
    await fx.ws.createBranch('feature-x');
    expect(offlinePreview(fx.ws).toPush).toEqual([]);
    await fx.ws.deleteItem(item.itemId);
    expect(offlinePreview(fx.ws).toPush.map((op) => op.type)).toEqual(['delete']);
  });
});
