import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitRepo } from '../../src-main/git/repo.js';
import { runGit } from '../../src-main/git/run.js';
import { FolderMirror } from '../../src-main/mirror/folder-mirror.js';
import { fileNameFor } from '../../src-shared/mirror/naming.js';
import type { Bench } from '../harness.js';
import { result } from '../harness.js';
import { eventually, openMirrorHarness } from '../mirror-harness.js';
import { manyItems } from '../mirror-items.js';

/**
 * The folder mirror and git sync: a first export of 10,000 items with its
 * commit against a plain script doing the same; an app edit reaching the
 * disk with the default debounce; a pull of 1,000 changed files into items.
 */
const author = { name: 'bench', email: 'bench@tether.local' };
const temp = (label: string) => mkdtemp(join(tmpdir(), `tether-bench-${label}-`));

async function plainExport(count: number): Promise<number> {
  const dir = await temp('plain');
  const items = manyItems(count, 'Bench');
  const started = performance.now();
  for (const item of items) {
    const file = join(dir, fileNameFor(item.path, item.kind));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, item.content);
  }
  await runGit(['init', '-q', '-b', 'main'], { cwd: dir });
  await runGit(['add', '-A'], { cwd: dir });
  await runGit(['-c', 'user.name=bench', '-c', 'user.email=b@x', 'commit', '-q', '-m', 'all'], { cwd: dir });
  const ms = performance.now() - started;
  await rm(dir, { recursive: true, force: true });
  return ms;
}

async function tetherExport(count: number): Promise<number> {
  const folder = await temp('folder');
  const dataDir = await temp('data');
  const items = manyItems(count, 'Bench');
  const started = performance.now();
  const mirror = await FolderMirror.open({
    folder,
    dataDir,
    debounceMs: 1_000,
    emitChanges: () => undefined,
  });
  mirror.publish({ branchId: 'main', full: true, upserts: items, removes: [] });
  await mirror.flush();
  const repo = await GitRepo.open(folder);
  const commit = await repo.commitAll(() => 'Tether: first export\n', author);
  const ms = performance.now() - started;
  if (!commit) throw new Error('no commit');
  await mirror.close();
  await rm(folder, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
  return ms;
}

async function editToFile(): Promise<number> {
  const h = await openMirrorHarness({ debounceMs: 1_000 });
  try {
    const item = await h.ws.createItem({ path: 'Bench.edit', kind: 'fn', content: 'start' });
    await h.exported();
    const times: number[] = [];
    for (let n = 0; n < 15; n += 1) {
      const content = `edit ${n}`;
      const started = performance.now();
      await h.ws.updateContent(item.itemId, content);
      await eventually(async () => (await h.read('Bench/edit.ts')) === content, 10_000);
      times.push(performance.now() - started);
      await new Promise((done) => setTimeout(done, 200));
    }
    times.sort((a, b) => a - b);
    return times[Math.ceil(times.length * 0.95) - 1] ?? 0;
  } finally {
    await h.close();
  }
}

async function pullImport(count: number): Promise<number> {
  const bare = await temp('bare');
  await runGit(['init', '-q', '--bare', '-b', 'main', bare], { cwd: bare });
  const h = await openMirrorHarness({ git: { remoteUrl: bare }, debounceMs: 100 });
  const other = await temp('other');
  try {
    // The items arrive as files, as a clone of a team's repository would bring them.
    for (const item of manyItems(count, 'Pull')) {
      const file = join(h.folder, fileNameFor(item.path, item.kind));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, item.content);
    }
    await eventually(() => h.ws.getSnapshot().items.length === count, 120_000);
    await h.exported();
    await h.git?.commitNow();
    await h.git?.push();
    await runGit(['clone', '-q', bare, other], { cwd: other });
    for (const item of manyItems(count, 'Pull', 1)) {
      await writeFile(join(other, fileNameFor(item.path, item.kind)), item.content);
    }
    await runGit(['add', '-A'], { cwd: other });
    await runGit(['-c', 'user.name=o', '-c', 'user.email=o@x', 'commit', '-q', '-m', 'theirs'], {
      cwd: other,
    });
    await runGit(['push', '-q', 'origin', 'main'], { cwd: other });
    const last = manyItems(count, 'Pull', 1).at(-1);
    const started = performance.now();
    await h.git?.pull();
    await eventually(
      () => h.ws.getSnapshot().items.find((i) => i.path === last?.path)?.content === last?.content,
    );
    const ms = performance.now() - started;
    if ((await readFile(join(h.folder, fileNameFor(last?.path ?? '', 'fn')), 'utf8')) !== last?.content) {
      throw new Error('the pulled file is not in the folder');
    }
    return ms;
  } finally {
    await h.close();
    await rm(bare, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  }
}

export const benches: Bench[] = [
  {
    name: 'git.export.10k',
    run: async () => {
      const plain = await plainExport(10_000);
      const tether = await tetherExport(10_000);
      return result({
        name: 'git.export.10k',
        value: tether,
        unit: 'ms',
        baseline: plain,
        target: 'ratio <= 1.5',
      });
    },
  },
  {
    name: 'git.edit-to-file.p95',
    run: async () =>
      result({
        name: 'git.edit-to-file.p95',
        value: await editToFile(),
        unit: 'ms',
        baseline: null,
        target: '< 1300 ms',
      }),
  },
  {
    name: 'git.pull.import.1k',
    run: async () =>
      result({
        name: 'git.pull.import.1k',
        value: await pullImport(1_000),
        unit: 'ms',
        baseline: null,
        target: '< 3000 ms',
      }),
  },
];
