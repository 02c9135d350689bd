import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeText, mergedText } from './merge-text.js';
import type { MergeChunk, MergeResult } from './types.js';

/**
 * `git merge-file` is the reference answer. On every random input our merge
 * must give byte-for-byte git's output — the clean text when git merges
 * cleanly, and the same conflicts with the same markers when it does not —
 * and as many conflicts as git's exit status counts (git caps it at 127).
 */

const dir = mkdtempSync(join(tmpdir(), 'tether-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gitMergeFile(base: string, local: string, remote: string): { text: string; conflicts: number } {
  writeFileSync(join(dir, 'base'), base);
  writeFileSync(join(dir, 'local'), local);
  writeFileSync(join(dir, 'remote'), remote);
  const args = ['merge-file', '-p', '-L', 'local', '-L', 'base', '-L', 'remote', 'local', 'base', 'remote'];
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error) throw new Error(`git merge-file could not run: ${run.error.message}`);
  if (run.status === null || run.status > 127) throw new Error(`git merge-file failed: ${run.stderr}`);
  return { text: run.stdout, conflicts: run.status };
}

type Edit = 'keep' | 'drop' | 'replace' | 'insert';
const editArb = fc.oneof(
  { arbitrary: fc.constant<Edit>('keep'), weight: 8 },
  { arbitrary: fc.constant<Edit>('drop'), weight: 1 },
  { arbitrary: fc.constant<Edit>('replace'), weight: 1 },
  { arbitrary: fc.constant<Edit>('insert'), weight: 1 },
);

/** Lines from a small alphabet, so edits overlap and lines repeat like braces and blanks in code. */
function caseArb(alphabet: readonly string[], maxLines: number) {
  const line = fc.constantFrom(...alphabet);
  const side = (n: number) =>
    fc.record({
      edits: fc.array(fc.tuple(editArb, line), { minLength: n, maxLength: n }),
      tail: fc.array(line, { maxLength: 2 }),
      noFinalNewline: fc.boolean(),
    });
  return fc
    .record({
      base: fc.array(line, { maxLength: maxLines }),
      eol: fc.constantFrom('\n', '\n', '\n', '\r\n'),
      baseNoFinalNewline: fc.boolean(),
    })
    .chain(({ base, eol, baseNoFinalNewline }) =>
      fc.record({ local: side(base.length), remote: side(base.length) }).map(({ local, remote }) => {
        const render = (lines: string[], cut: boolean) => {
          const out = lines.map((l) => l + eol).join('');
          return cut && out ? out.slice(0, -eol.length) : out;
        };
        const apply = (s: typeof local) =>
          render(
            [
              ...base.flatMap((l, i) => {
                const [edit, other] = s.edits[i] as [Edit, string];
                return edit === 'keep'
                  ? [l]
                  : edit === 'drop'
                    ? []
                    : edit === 'replace'
                      ? [other]
                      : [other, l];
              }),
              ...s.tail,
            ],
            s.noFinalNewline,
          );
        return { base: render(base, baseNoFinalNewline), local: apply(local), remote: apply(remote) };
      }),
    );
}

/** Each side's text, read back from the chunks. */
function projections(result: MergeResult): { base: string; local: string; remote: string } {
  const pick = (chunk: MergeChunk, side: 'base' | 'local' | 'remote'): string[] => {
    if (chunk.kind === 'unchanged') return chunk.lines;
    if (chunk.kind === 'conflict') {
      return side === 'base' ? chunk.baseLines : side === 'local' ? chunk.localLines : chunk.remoteLines;
    }
    if (side === 'base') return chunk.baseLines;
    const changedHere = chunk.kind === 'both' || chunk.kind === side;
    return changedHere ? chunk.lines : chunk.baseLines;
  };
  const join = (side: 'base' | 'local' | 'remote') => result.chunks.flatMap((c) => pick(c, side)).join('');
  return { base: join('base'), local: join('local'), remote: join('remote') };
}

function checkAgainstGit(input: { base: string; local: string; remote: string }): void {
  const git = gitMergeFile(input.base, input.local, input.remote);
  const ours = mergeText(input.base, input.local, input.remote);
  expect(mergedText(ours)).toBe(git.text);
  expect(Math.min(ours.conflicts, 127)).toBe(git.conflicts);
  expect(ours.clean).toBe(git.conflicts === 0);
  // The chunks cover the base in order, and each side can be read back from them.
  let at = 0;
  for (const chunk of ours.chunks) {
    expect(chunk.baseStart).toBe(at);
    expect(chunk.baseEnd).toBeGreaterThanOrEqual(chunk.baseStart);
    at = chunk.baseEnd;
  }
  expect(projections(ours)).toEqual(input);
}

// Each case starts a git process; allow for a busy machine.
const GIT_TIMEOUT = 120_000;

describe('mergeText against git merge-file', () => {
  it(
    'agrees on short texts with very few distinct lines',
    () => {
      fc.assert(fc.property(caseArb(['a', 'b', 'c'], 12), checkAgainstGit), { numRuns: 150 });
    },
    GIT_TIMEOUT,
  );

  it(
    'agrees on code-like texts with braces, blanks and repeats',
    () => {
      const alphabet = ['a', 'b', 'c', 'd', '}', '', '  return x;', 'x y', '{'];
      fc.assert(fc.property(caseArb(alphabet, 30), checkAgainstGit), { numRuns: 200 });
    },
    GIT_TIMEOUT,
  );

  it(
    'agrees on longer texts, where git joins nearby conflicts',
    () => {
      const alphabet = ['fn a() {', '  let x = 1;', '  x += 2;', '}', '', '// note', ' ', '  return x;'];
      fc.assert(fc.property(caseArb(alphabet, 120), checkAgainstGit), { numRuns: 60 });
    },
    GIT_TIMEOUT,
  );

  it('agrees on a large text whose edit cost passes git diff cut-offs', () => {
    // Hundreds of scattered edits over a few distinct lines: git gives up on the
    // exact shortest script here and uses its heuristics; we must follow them.
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = ['a', 'b', 'c', 'd', 'e', '}', ''];
    const pick = () => alphabet[Math.floor(random() * alphabet.length)] as string;
    const base = Array.from({ length: 3000 }, pick);
    const side = () =>
      base.flatMap((l) => (random() < 0.25 ? (random() < 0.5 ? [] : [pick(), pick()]) : [l])).join('\n');
    checkAgainstGit({ base: base.join('\n'), local: side(), remote: side() });
  });
});
