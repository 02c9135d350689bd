import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../../src-main/git/run.js';
import { LinkService } from '../../src-main/links/link-service.js';
import { lockAndTarget } from '../../src-main/links/lock-test-support.js';
import { previewLinkPull } from '../../src-main/links/pull-preview.js';
import { LinkUpstream } from '../../src-main/links/upstream.js';
import { linkFacts } from '../../src-shared/links/facts.js';
import { formatLock, lockItemPath, type LockRecord } from '../../src-shared/links/lock.js';
import { linkStatus } from '../../src-shared/links/status.js';
import type { Bench } from '../harness.js';
import { median, result } from '../harness.js';

/**
 * Linked namespaces, 100 of them, each linked to its own upstream
 * repository (file:// bare repositories, 12 components each, releases
 * v1.0.0 and v1.1.0), already fetched into Tether's object stores: what
 * this computer holds after linking. One item of each is edited here.
 *
 * - components.status.100: the status table from scratch: upstream's files
 *   at each lock read from the local stores (LinkService.items, as the
 *   screen asks for them) and every status derived. Baseline: the plain git
 *   a script needs for the same files, `git ls-tree -r` and
 *   `git cat-file --batch` per repository, run the same way.
 * - components.preview.100: the dry-run pull of every namespace to v1.1.0
 *   (scratch commit of the local items, `git merge-tree --write-tree`,
 *   per-item outcomes). Baseline: the plain `git merge-tree --write-tree`
 *   of the same two commits per repository, the one git call a dry-run
 *   cannot do without.
 */
const COUNT = 100;
const FILES = 12;
const FOLDER = 'components';

interface World {
  root: string;
  service: LinkService;
  links: { namespace: string; repo: string; lock: LockRecord; target: LockRecord; local: LocalItem[] }[];
  close(): Promise<void>;
}
type LocalItem = { path: string; kind: 'component'; content: string };

const git = (cwd: string, ...args: string[]) => runGit(args, { cwd });
const file = (n: number, version: number) =>
  `name: c${n}\ntimeout: ${n % 2 === 0 ? 30 : 30 + version}\nretries: 3\nowner: team-${n}\n`;

/** One seed repository with both releases, cloned bare once per namespace. */
async function seedRepo(root: string): Promise<string> {
  const seed = join(root, 'seed');
  await mkdir(join(seed, FOLDER), { recursive: true });
  await git(seed, 'init', '-q', '-b', 'main');
  for (const version of [0, 1]) {
    for (let n = 0; n < FILES; n += 1) await writeFile(join(seed, FOLDER, `c${n}.yaml`), file(n, version));
    await git(seed, 'add', '-A');
    await git(seed, '-c', 'user.name=b', '-c', 'user.email=b@x', 'commit', '-q', '-m', `v1.${version}.0`);
    await git(seed, 'tag', `v1.${version}.0`);
  }
  return seed;
}

let world: Promise<World> | null = null;

function setUp(): Promise<World> {
  world ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'tether-bench-links-'));
    const seed = await seedRepo(root);
    const service = new LinkService({ dataDir: join(root, 'data'), travelMode: () => false });
    const links: World['links'] = [];
    for (let i = 0; i < COUNT; i += 1) {
      const repo = join(root, `repo-${i}.git`);
      await git(root, 'clone', '-q', '--bare', seed, repo);
      const namespace = `Bench.Linked${i}`;
      const { lock, target } = await lockAndTarget(service, namespace, `file://${repo}`, FOLDER);
      const { items } = await service.items(namespace, lock);
      // One edit here, on a file upstream also changed: every preview meets a conflict.
      const local = items.map(({ path, content }, n) => ({
        path,
        kind: 'component' as const,
        content: n === 1 ? content.replace('retries: 3', 'retries: 9') : content,
      }));
      links.push({ namespace, repo, lock, target, local });
    }
    return {
      root,
      service,
      links,
      close: () => rm(root, { recursive: true, force: true }),
    };
  })();
  return world;
}

async function timed(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let n = 0; n < runs; n += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function status(w: World): Promise<void> {
  await Promise.all(
    w.links.map(async ({ namespace, lock, local }) => {
      const { items } = await w.service.items(namespace, lock);
      const atLock = new Map(items.map((item) => [item.path, item.content]));
      const views = [...local, { path: lockItemPath(namespace), content: formatLock(lock) }].map((item) => ({
        ...item,
        deleted: false,
        inConflict: false,
      }));
      const row = linkStatus(linkFacts(namespace, views, atLock, null));
      if (row.status !== 'modified') throw new Error(`${namespace} is ${row.status}: ${row.detail}`);
    }),
  );
}

async function plainStatus(w: World): Promise<void> {
  await Promise.all(
    w.links.map(async ({ repo, lock }) => {
      const listing = await git(repo, 'ls-tree', '-r', '-z', lock.commit, '--', `${FOLDER}/`);
      const blobs = listing
        .split('\0')
        .filter(Boolean)
        .map((line) => line.split(' ')[2]?.split('\t')[0] ?? '');
      await runGit(['cat-file', '--batch'], { cwd: repo, input: blobs.join('\n') + '\n' });
    }),
  );
}

async function preview(w: World): Promise<void> {
  await Promise.all(
    w.links.map(async ({ namespace, lock, target, local }) => {
      const result = await w.service.preview(namespace, lock, target, local);
      if (result.conflicts.merge !== 1) throw new Error('the preview should meet one conflict');
    }),
  );
}

async function plainMerge(w: World, ours: readonly { dir: string; ours: string }[]): Promise<void> {
  await Promise.all(
    w.links.map(({ target }, i) =>
      runGit(['merge-tree', '--write-tree', '--name-only', ours[i]!.ours, target.commit], {
        cwd: ours[i]!.dir,
        okExitCodes: [1],
      }),
    ),
  );
}

/**
 * The commit of each namespace's local items on its lock, as the preview
 * makes it, and the object store holding it: the baseline merges exactly
 * the commits the preview merges, in the same stores.
 */
async function localCommits(w: World): Promise<{ dir: string; ours: string }[]> {
  const upstream = new LinkUpstream(join(w.root, 'data', 'links', 'repositories'));
  return Promise.all(
    w.links.map(async ({ namespace, lock, target, local }) => {
      const { ours } = await previewLinkPull(upstream, namespace, lock, target, local);
      return { dir: (await upstream.store(lock.repository)).dir, ours };
    }),
  );
}

export const benches: Bench[] = [
  {
    name: 'components.status.100',
    run: async () => {
      const w = await setUp();
      const baseline = await timed(() => plainStatus(w));
      const value = await timed(() => status(w));
      return result({ name: 'components.status.100', value, unit: 'ms', baseline, target: '< 1000' });
    },
  },
  {
    name: 'components.preview.100',
    run: async () => {
      const w = await setUp();
      const ours = await localCommits(w);
      const baseline = await timed(() => plainMerge(w, ours));
      const value = await timed(() => preview(w));
      return result({ name: 'components.preview.100', value, unit: 'ms', baseline, target: '< 3000' });
    },
  },
];

export async function teardown(): Promise<void> {
  if (world) await (await world).close();
}
