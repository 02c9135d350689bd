import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSync } from '../../state/sync-slice.js';
import { useToasts } from '../../state/toast-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { openFixture } from '../../workspace/testing.js';
import { noticeNewSummary, setMainPolicy, syncNow } from './sync-actions.js';

type Fixture = Awaited<ReturnType<typeof openFixture>>;
let fx: Fixture;
let at = 1_000;

const summary = (branchId: string, pushed: number, pulled: number, conflicts = 0) => ({
  branchId,
  pushed,
  pulled,
  conflicts,
  at: ++at,
});
const syncToasts = () => useToasts.getState().toasts.filter((t) => t.testId === 'sync-summary');

beforeEach(async () => {
  fx = await openFixture();
  useToasts.setState({ toasts: [] });
  useSync.setState({ engine: null, engineState: null, connection: null });
});
afterEach(() => fx.close());

describe('automatic sync summaries', () => {
  it('toasts a sync that moved ops, naming the branch, once per summary', async () => {
    const branch = await fx.ws.createBranch('feature-x');
    const s = summary(branch.id, 3, 5, 1);
    noticeNewSummary(fx.ws, s);
    noticeNewSummary(fx.ws, s);
    expect(syncToasts().map((t) => t.message)).toEqual(['Synced feature-x: 3 pushed, 5 pulled, 1 conflict']);
  });

  it('stays quiet when nothing moved, even with standing conflicts', () => {
    noticeNewSummary(fx.ws, summary('main', 0, 0, 2));
    noticeNewSummary(fx.ws, null);
    expect(syncToasts()).toHaveLength(0);
  });

  it('replaces the previous sync toast instead of stacking them', () => {
    noticeNewSummary(fx.ws, summary('main', 0, 1));
    noticeNewSummary(fx.ws, summary('main', 0, 2));
    expect(syncToasts().map((t) => t.message)).toEqual(['Synced main: 2 pulled']);
  });

  it('opens the details dialog from the toast', () => {
    const s = summary('main', 1, 0);
    noticeNewSummary(fx.ws, s);
    syncToasts()[0]?.action?.run();
    expect(useUi.getState().dialog).toEqual({ kind: 'sync-summary', summary: s });
    useUi.getState().closeDialog();
  });
});

describe('without a sync server', () => {
  it('Sync now explains that no server is connected and changes nothing', async () => {
    await syncNow(fx.ws);
    const [toast] = useToasts.getState().toasts;
    expect(toast?.tone).toBe('error');
    expect(toast?.message).toMatch(/No sync server is connected/);
    expect(fx.ws.getSnapshot().unsyncedOpCount).toBe(0);
  });

  it('a policy change is refused with a clear error', async () => {
    const branch = await fx.ws.createBranch('feature-y');
    const other = branch.mainPolicy === 'follow' ? 'isolated' : 'follow';
    await expect(setMainPolicy(branch.id, other)).rejects.toThrow(/No sync server is connected/);
    expect(fx.ws.getSnapshot().branch?.mainPolicy).toBe(branch.mainPolicy);
  });
});
