import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeText, mergedText } from '../../src-shared/merge/index.js';
import type { MergeCase } from '../code-like.js';
import { codeLikeMergeCase } from '../code-like.js';
import type { Bench } from '../harness.js';
import { median, result, timeMedian } from '../harness.js';

/**
 * Our three-way merge against `git merge-file -p` on the same code-like file,
 * 1% of lines changed per side with some overlap. git's time includes
 * starting the process (the price the app would pay to use it); both produce
 * the merged text with markers, and the outputs must be identical.
 */
function gitMergeFile(dir: string): string {
  const args = ['merge-file', '-p', '-L', 'local', '-L', 'base', '-L', 'remote', 'local', 'base', 'remote'];
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error || run.status === null || run.status > 127) {
    throw new Error(`git merge-file failed: ${run.error?.message ?? run.stderr}`);
  }
  return run.stdout;
}

function mergeBench(name: string, lines: number): Bench {
  return {
    name,
    run: () => {
      const input: MergeCase = codeLikeMergeCase(lines, 0.01, 7);
      const dir = mkdtempSync(join(tmpdir(), 'tether-bench-merge-'));
      try {
        writeFileSync(join(dir, 'base'), input.base);
        writeFileSync(join(dir, 'local'), input.local);
        writeFileSync(join(dir, 'remote'), input.remote);
        const ours = () => mergedText(mergeText(input.base, input.local, input.remote));
        if (ours() !== gitMergeFile(dir)) throw new Error(`${name}: our merge differs from git merge-file`);
        // Alternate short blocks of runs, so a busy machine slows both sides alike;
        // single alternating runs would charge each git process start (a fork of
        // this big process) to the merge that runs right after it.
        const gitTimes: number[] = [];
        const ourTimes: number[] = [];
        for (let i = 0; i < 3; i++) ours();
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < 5; i++) ourTimes.push(timeMedian(ours, { runs: 1, warmup: 0 }));
          for (let i = 0; i < 5; i++)
            gitTimes.push(timeMedian(() => gitMergeFile(dir), { runs: 1, warmup: 0 }));
        }
        const value = median(ourTimes);
        const baseline = median(gitTimes);
        return result({ name, value, unit: 'ms', baseline, target: 'ratio <= 1' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export const benches: Bench[] = [mergeBench('merge.10k', 10_000), mergeBench('merge.100k', 100_000)];
