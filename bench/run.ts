/**
 * `npm run bench` runs every bench in bench/suites; `npm run bench -- merge view`
 * runs only those whose name contains one of the words. Prints a table and
 * merges the results by name into bench/results.json (results of benches not
 * run this time are kept). Exits with status 1 when a bench misses its target.
 */
import './node-tabs.js'; // first: before any database opens
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchResult } from './harness.js';
import { meetsTarget } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results.json');

/** What a suite may export: its benches, and what to close once they ran (servers, databases). */
interface Suite {
  benches?: Bench[];
  teardown?: () => Promise<void>;
}

const teardowns: Array<() => Promise<void>> = [];

async function loadBenches(): Promise<Bench[]> {
  const suites = join(here, 'suites');
  const files = readdirSync(suites)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const suite = (await import(pathToFileURL(join(suites, file)).href)) as Suite;
    if (!Array.isArray(suite.benches)) throw new Error(`bench/suites/${file} must export "benches"`);
    if (suite.teardown) teardowns.push(suite.teardown);
    benches.push(...suite.benches);
  }
  return benches;
}

function readResults(): BenchResult[] {
  if (!existsSync(resultsFile)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(resultsFile, 'utf8'));
    return Array.isArray(parsed) ? (parsed as BenchResult[]) : [];
  } catch {
    console.warn('bench/results.json is not valid JSON; starting a new one');
    return [];
  }
}

function mergeResults(previous: BenchResult[], fresh: BenchResult[]): BenchResult[] {
  const byName = new Map(previous.map((r) => [r.name, r]));
  for (const r of fresh) byName.set(r.name, r);
  return [...byName.values()];
}

function printTable(rows: Array<BenchResult & { pass: boolean }>): void {
  const table = rows.map((r) => ({
    name: r.name,
    value: `${r.value} ${r.unit}`,
    baseline: r.baseline === null ? '-' : `${r.baseline} ${r.unit}`,
    ratio: r.ratio === null ? '-' : String(r.ratio),
    target: r.target,
    result: r.pass ? 'pass' : 'FAIL',
  }));
  const columns = ['name', 'value', 'baseline', 'ratio', 'target', 'result'] as const;
  const widths = columns.map((c) => Math.max(c.length, ...table.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(columns.map((c) => row[c])));
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const all = await loadBenches();
  const chosen = filters.length ? all.filter((b) => filters.some((f) => b.name.includes(f))) : all;
  if (chosen.length === 0) {
    console.error(`No bench matches ${filters.join(', ')}. Benches: ${all.map((b) => b.name).join(', ')}`);
    process.exitCode = 1;
    return;
  }
  const rows: Array<BenchResult & { pass: boolean }> = [];
  for (const bench of chosen) {
    process.stderr.write(`running ${bench.name}…\n`);
    const r = await bench.run();
    rows.push({ ...r, pass: meetsTarget(r) });
    // Each row as it is measured: a long run stopped half way keeps what it measured.
    writeFileSync(resultsFile, `${JSON.stringify(mergeResults(readResults(), rows), null, 2)}\n`);
    process.stderr.write(
      `  ${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline ?? '-'}, ratio ${r.ratio ?? '-'})\n`,
    );
  }
  printTable(rows);
  if (rows.some((r) => !r.pass)) process.exitCode = 1;
}

// A suite's shared server keeps the event loop alive: close them, or the run never exits.
try {
  await main();
} finally {
  for (const teardown of teardowns) await teardown();
}
