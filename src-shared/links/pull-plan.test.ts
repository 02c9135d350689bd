import { describe, expect, it } from 'vitest';
import type { LockRecord } from './lock.js';
import { planPull, type PullContentEntry } from './pull-plan.js';
import { restoreSteps, type SetAsideRecord } from './pull-set-aside.js';
import { PULL_STRATEGIES } from './preview.js';

const target = { commit: 'c'.repeat(40) } as LockRecord;
const entry = (
  name: string,
  base: string | null,
  local: string | null,
  theirs: string | null,
  extra: Partial<PullContentEntry> = {},
): PullContentEntry => ({
  file: `${name}.yaml`,
  base,
  local,
  theirs,
  conflict: false,
  merged: null,
  item: { path: `Ns.${name}`, kind: 'component' },
  ...extra,
});
const entries = [
  entry('a', 'a1', 'a-here', 'a2', { conflict: true }),
  entry('b', 'b1', 'b-here', 'b2', { merged: 'b-merged' }),
  entry('c', 'c1', 'c1', null),
  entry('d', 'd1', 'd-here', 'd1'),
  entry('e', null, null, 'e2'),
  entry('g', null, 'g-here', null),
  entry('logo', 'p1', 'p1', 'p2', { item: null }),
];

describe('planning a pull', () => {
  it.each(PULL_STRATEGIES.filter((s) => s !== 'fastForward'))(
    '%s writes exactly what its preview column says',
    (strategy) => {
      const plan = planPull(entries, strategy, target);
      if (!plan.ok) throw new Error(plan.message);
      const byPath = new Map(plan.steps.map((step) => [step.path, step.type]));
      for (const item of plan.preview.items) {
        const outcome = item.outcomes[strategy];
        const step = byPath.get(`Ns.${item.file.replace('.yaml', '')}`);
        if (item.file === 'logo.yaml') expect(step).toBeUndefined();
        else if (['unchanged', 'keep', 'same'].includes(outcome)) expect(step).toBeUndefined();
        else if (outcome === 'merge') expect(step).toBe(strategy === 'rebase' ? 'rebase' : 'merge');
        else expect(step).toBe(outcome);
      }
      expect(plan.lock).toBe(target);
    },
  );

  it('sets aside exactly the local edits overwrite and stash replace', () => {
    const plan = planPull(entries, 'stash', target);
    expect(plan.ok && plan.setAside.map((i) => [i.path, i.base, i.mine])).toEqual([
      ['Ns.a', 'a1', 'a-here'],
      ['Ns.b', 'b1', 'b-here'],
      ['Ns.d', 'd1', 'd-here'],
      ['Ns.g', null, 'g-here'],
    ]);
    expect(planPull(entries, 'merge', target)).toMatchObject({ ok: true, setAside: [] });
  });

  it('refuses fast-forward whole when anything here differs from the lock', () => {
    const plan = planPull(entries, 'fastForward', target);
    expect(plan).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Fast-forward refused: 4 items/),
    });
    const clean = planPull(
      [entry('c', 'c1', 'c1', null), entry('e', null, null, 'e2')],
      'fastForward',
      target,
    );
    expect(clean.ok && clean.steps).toEqual([
      { type: 'delete', path: 'Ns.c' },
      { type: 'create', path: 'Ns.e', kind: 'component', content: 'e2' },
    ]);
  });
});

describe('putting set-aside edits back', () => {
  const record = (strategy: 'overwrite' | 'stash'): SetAsideRecord => ({
    id: 'r',
    namespace: 'Ns',
    strategy,
    at: 1,
    fromCommit: 'a'.repeat(40),
    toCommit: 'b'.repeat(40),
    items: [
      { path: 'Ns.a', kind: 'component', base: 'x\ny\nz\n', mine: 'X\ny\nz\n' },
      { path: 'Ns.b', kind: 'component', base: 'x\n', mine: 'mine\n' },
      { path: 'Ns.d', kind: 'component', base: 'd\n', mine: 'd-here\n' },
      { path: 'Ns.g', kind: 'component', base: null, mine: 'g\n' },
    ],
  });
  const now: Record<string, string> = { 'Ns.a': 'x\ny\nZ\n', 'Ns.b': 'theirs\n', 'Ns.d': 'd\n' };

  it('overwrite puts every edit back as it was', () => {
    expect(restoreSteps(record('overwrite'), (p) => now[p] ?? null).map((s) => [s.type, s.path])).toEqual([
      ['replace', 'Ns.a'],
      ['replace', 'Ns.b'],
      ['replace', 'Ns.d'],
      ['replace', 'Ns.g'],
    ]);
  });

  it('a stash merges cleanly where it can and leaves a clash for the resolver', () => {
    expect(restoreSteps(record('stash'), (p) => now[p] ?? null)).toEqual([
      { type: 'update', path: 'Ns.a', content: 'X\ny\nZ\n' },
      { type: 'conflict', path: 'Ns.b', base: 'x\n', theirs: 'mine\n' },
      { type: 'replace', path: 'Ns.d', kind: 'component', theirs: 'd-here\n' },
      { type: 'replace', path: 'Ns.g', kind: 'component', theirs: 'g\n' },
    ]);
  });
});
