import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { encodeHlc } from '../../src-shared/clock/hlc.js';
import { accept, conflictsLeft, createMergeModel, resultText } from '../../src-shared/conflicts/index.js';
import { ViewIndex } from '../../src-shared/dag/view-index.js';
import { mergeText } from '../../src-shared/merge/index.js';
import type { Op } from '../../src-shared/model/index.js';
import { MAIN_VIEW } from '../../src-shared/view/branch-view.js';
import { chromiumArgs, chromiumPath } from '../../e2e/support/chromium.js';
import { buildE2eRenderer } from '../../e2e/support/e2e-build.js';
import { freePort, HostProcess } from '../../e2e/support/host-process.js';
import { codeLikeLines } from '../code-like.js';
import type { Bench } from '../harness.js';
import { median, result, timeMedian } from '../harness.js';

/**
 * A `lines`-line code-like item with exactly `conflicts` conflicts: every
 * block of lines/conflicts lines has one line both sides changed differently,
 * plus a line only local changed and one only remote changed (which merge
 * by themselves).
 */
export function conflictCase(
  lines = 10_000,
  conflicts = 100,
): { base: string; local: string; remote: string } {
  const base = codeLikeLines(lines, 11).map((l) => `${l}\n`);
  const local = [...base];
  const remote = [...base];
  const block = Math.floor(lines / conflicts);
  for (let b = 0; b < conflicts; b++) {
    const at = b * block;
    local[at + 10] = `  const mineOnly${b} = 1;\n`;
    remote[at + 30] = `  const theirsOnly${b} = 2;\n`;
    local[at + 50] = `  const both${b} = "mine";\n`;
    remote[at + 50] = `  const both${b} = "theirs";\n`;
  }
  return { base: base.join(''), local: local.join(''), remote: remote.join('') };
}

/** 10,000 items, each a create then a local edit and a remote edit — concurrent (`conflicted`) or in a chain. */
function pulledOps(items: number, conflicted: boolean): Op[] {
  const ops: Op[] = [];
  let wall = 1_700_000_000_000;
  const op = (itemId: string, n: number, parents: string[], node: string, content: string): Op => ({
    id: `op-${itemId}-${n}`,
    itemId,
    branchId: 'main',
    type: parents.length ? 'update' : 'create',
    path: `Acme.Area${itemId.length % 7}.item_${itemId}`,
    kind: 'fn',
    content,
    parents,
    author: node,
    instanceId: node,
    hlc: encodeHlc({ wall: ++wall, counter: 0, node }),
    status: 'approved',
    serverSeq: ops.length + 1,
  });
  for (let i = 0; i < items; i++) {
    const itemId = `item${String(i).padStart(6, '0')}`;
    const create = op(itemId, 0, [], 'laptop-0001', 'export const v = 0;\nexport const w = 0;\n');
    const mine = op(itemId, 1, [create.id], 'laptop-0001', 'export const v = 1;\nexport const w = 0;\n');
    const theirs = op(
      itemId,
      2,
      [conflicted ? create.id : mine.id],
      'desk-0002',
      'export const v = 2;\nexport const w = 0;\n',
    );
    ops.push(create, mine, theirs);
  }
  return JSON.parse(JSON.stringify(ops)) as Op[];
}

/** Feeds a pull's ops to a view and lists its conflicts (bases included), as the inbox does. */
function detect(ops: readonly Op[]): number {
  const view = new ViewIndex(MAIN_VIEW);
  view.addOps(ops);
  return view.conflicts().length;
}

/** Clicks the marked inbox row, then waits for resolver rows and one more frame (painted, not just in the DOM). */
const OPEN_AND_MEASURE = `new Promise((resolve) => {
  const button = document.querySelector('[data-bench="open"]');
  performance.mark('resolver-open');
  button.click();
  const check = () => {
    if (document.querySelector('[data-testid="resolver-result"] .rpane-line')) {
      requestAnimationFrame(() => {
        performance.mark('resolver-rendered');
        resolve(performance.measure('resolver', 'resolver-open', 'resolver-rendered').duration);
      });
    } else requestAnimationFrame(check);
  };
  check();
})`;

async function resolverOpen(): Promise<{ value: number; baseline: number }> {
  buildE2eRenderer(); // HostProcess serves dist/renderer-e2e, which has the hook that seeds conflicts
  const dir = mkdtempSync(join(tmpdir(), 'tether-bench-resolver-'));
  const host = new HostProcess({ port: await freePort(), dataDir: join(dir, 'host'), userName: 'bench' });
  await host.start();
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url); // the e2e renderer: it has the hook used below
    await page.getByTestId('app').waitFor({ state: 'attached', timeout: 30_000 });
    const big = conflictCase(10_000, 100);
    const small = conflictCase(100, 1);
    const seed = (path: string, c: typeof big) =>
      page.evaluate(
        ([p, b, l, r]) =>
          (
            globalThis as unknown as { __tetherE2E: { seedConflict: (...a: string[]) => Promise<string> } }
          ).__tetherE2E.seedConflict(p as string, b as string, l as string, r as string),
        [path, c.base, c.local, c.remote],
      );
    await seed('Bench.big', big);
    await seed('Bench.small', small);
    const openOnce = async (path: string): Promise<number> => {
      await page.getByTestId('open-conflicts').click();
      const row = page.getByTestId(`conflict-row-${path}`).locator('.inbox-open');
      await row.waitFor();
      // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
      await row.evaluate((button) => button.setAttribute('data-bench', 'open'));
      const ms = (await page.evaluate(OPEN_AND_MEASURE)) as number;
      await page.getByTestId('conflicts-close').click();
      return ms;
    };
    const bigTimes: number[] = [];
    const smallTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const b = await openOnce('Bench.big');
      const s = await openOnce('Bench.small');
      if (i > 0) {
        bigTimes.push(b);
        smallTimes.push(s);
      }
    }
    return { value: median(bigTimes), baseline: median(smallTimes) };
  } finally {
    await context.close().catch(() => undefined);
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benches: Bench[] = [
  {
    // Baseline: the same number of ops where the remote edit follows the local one (no conflicts).
    name: 'conflicts.detect.10k',
    run: () => {
      const conflicted = pulledOps(10_000, true);
      const chained = pulledOps(10_000, false);
      if (detect(conflicted) !== 10_000 || detect(chained) !== 0)
        throw new Error('conflicts.detect: wrong count');
      const value = timeMedian(() => detect(conflicted), { runs: 7, warmup: 2 });
      const baseline = timeMedian(() => detect(chained), { runs: 7, warmup: 2 });
      return result({ name: 'conflicts.detect.10k', value, unit: 'ms', baseline, target: '< 1000 ms' });
    },
  },
  {
    // "Take local" on each of the 100 conflicts, one at a time (100 undo states), then the result text.
    // Baseline: the three-way merge of the same texts (what building the model costs at all).
    name: 'resolver.takeall.10k',
    run: () => {
      const c = conflictCase();
      const model = createMergeModel(c.base, c.local, c.remote);
      if (conflictsLeft(model) !== 100)
        throw new Error(`expected 100 conflicts, got ${conflictsLeft(model)}`);
      const takeAll = () => {
        let m = model;
        for (let n = 1; n <= 100; n++) m = accept(m, n, 'local');
        if (conflictsLeft(m) !== 0) throw new Error('conflicts left');
        return resultText(m);
      };
      const value = timeMedian(takeAll, { runs: 9, warmup: 3 });
      const baseline = timeMedian(() => mergeText(c.base, c.local, c.remote), { runs: 9, warmup: 3 });
      return result({ name: 'resolver.takeall.10k', value, unit: 'ms', baseline, target: '< 100 ms' });
    },
  },
  {
    // Click in the inbox to painted resolver rows, in Chromium on the built renderer (dist/renderer-e2e, built above).
    // Baseline: opening the resolver on a 100-line item with 1 conflict.
    name: 'resolver.open.10k',
    run: async () => {
      const { value, baseline } = await resolverOpen();
      return result({ name: 'resolver.open.10k', value, unit: 'ms', baseline, target: '< 300 ms' });
    },
  },
];
