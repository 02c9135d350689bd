import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { accept, createMergeModel, resultText } from '../conflicts/merge-model.js';
import { interleaveSides } from './interleave.js';
import { splitLines } from './lines.js';

/**
 * "Take both" against git. Where git itself can merge two sides' edits (they
 * are apart by an unchanged line) interleaving gives git's clean result;
 * where the edits touch, git conflicts and interleaving gives what applying
 * both edits means (known here by construction); where they truly overlap it
 * stacks the sides as `git merge-file --union` does.
 */

const dir = mkdtempSync(join(tmpdir(), 'tether-interleave-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gitMergeFile(base: string, local: string, remote: string, ...flags: string[]) {
  writeFileSync(join(dir, 'base'), base);
  writeFileSync(join(dir, 'local'), local);
  writeFileSync(join(dir, 'remote'), remote);
  const args = ['merge-file', '-p', ...flags, 'local', 'base', 'remote'];
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (run.error || run.status === null || run.status > 127)
    throw new Error(`git merge-file failed: ${run.stderr}`);
  return { text: run.stdout, conflicts: run.status };
}

type Owner = 'local' | 'remote' | 'none';
type Change = 'replace' | 'drop' | 'insert';
interface Block {
  owner: Owner;
  change: Change;
  size: number;
}

const blockArb = fc.record({
  owner: fc.constantFrom<Owner>('local', 'remote', 'none'),
  change: fc.constantFrom<Change>('replace', 'drop', 'insert'),
  size: fc.integer({ min: 1, max: 3 }),
});

/**
 * Base, sides and the text with every edit applied, from blocks of unique
 * lines; each block is edited by at most one side. With `apart`, an unchanged
 * line separates every two blocks.
 */
function build(blocks: readonly Block[], apart: boolean) {
  const base: string[] = [];
  const local: string[] = [];
  const remote: string[] = [];
  const both: string[] = [];
  blocks.forEach((block, b) => {
    if (apart) for (const out of [base, local, remote, both]) out.push(`sep${b}\n`);
    const original = Array.from({ length: block.size }, (_, i) => `b${b}.${i}\n`);
    const edited =
      block.change === 'drop'
        ? []
        : block.change === 'replace'
          ? original.map((l) => `${block.owner}:${l}`)
          : [`${block.owner}:new${b}\n`, ...original];
    base.push(...original);
    local.push(...(block.owner === 'local' ? edited : original));
    remote.push(...(block.owner === 'remote' ? edited : original));
    both.push(...(block.owner === 'none' ? original : edited));
  });
  base.push('end\n');
  for (const out of [local, remote, both]) out.push('end\n');
  return { base, local, remote, both };
}

describe('take both against git merge-file', () => {
  it('gives git’s clean merge where git can merge the two sides itself', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 8 }), (blocks) => {
        const { base, local, remote, both } = build(blocks, true);
        const git = gitMergeFile(base.join(''), local.join(''), remote.join(''));
        expect(git.conflicts).toBe(0);
        expect(interleaveSides(base, local, remote)?.join('')).toBe(git.text);
        expect(git.text).toBe(both.join(''));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('applies both sides’ edits where they touch and git conflicts', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 2, maxLength: 8 }), (blocks) => {
        const { base, local, remote, both } = build(blocks, false);
        const model = createMergeModel(base.join(''), local.join(''), remote.join(''));
        let taken = model;
        for (let no = 1; no <= model.conflictIndexes.length; no++)
          taken = accept(taken, no, 'both-local-first');
        expect(resultText(taken)).toBe(both.join(''));
        // git: a conflict exactly when our model has one.
        const git = gitMergeFile(base.join(''), local.join(''), remote.join(''));
        expect(git.conflicts).toBe(model.conflictIndexes.length);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('a touching pair git conflicts on: git stacks with --union, we interleave', () => {
    const base = 'a\nb\nc\nd\n';
    const local = 'a\nB-local\nc\nd\n';
    const remote = 'a\nb\nC-remote\nd\n';
    expect(gitMergeFile(base, local, remote).conflicts).toBe(1);
    expect(gitMergeFile(base, local, remote, '--union').text).toBe('a\nB-local\nc\nb\nC-remote\nd\n');
    expect(resultText(accept(createMergeModel(base, local, remote), 1, 'both-local-first'))).toBe(
      'a\nB-local\nC-remote\nd\n',
    );
  });

  it('stacks like git merge-file --union where the edits overlap', () => {
    const cases = [
      ['a\nb\nc\n', 'a\nL\nc\n', 'a\nR\nc\n'],
      ['a\nb\n', 'a\nL\nb\n', 'a\nR\nb\n'],
      ['a\nb\nc\nd\n', 'a\nL1\nL2\nd\n', 'a\nb\nR\nd\n'],
      ['x', 'l', 'r'],
    ] as const;
    for (const [base, local, remote] of cases) {
      expect(interleaveSides(splitLines(base), splitLines(local), splitLines(remote))).toBeNull();
      const model = createMergeModel(base, local, remote);
      const ours = resultText(accept(model, 1, 'both-local-first'));
      expect(ours).toBe(gitMergeFile(base, local, remote, '--union').text);
    }
  });
});
