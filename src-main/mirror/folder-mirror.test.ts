import { spawn } from 'node:child_process';
import { lstat, mkdir, readFile, rm, symlink, unlink, writeFile, rename } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openMirrorHarness, type MirrorHarness } from '../../bench/mirror-harness.js';
import { manyItems } from '../../bench/mirror-items.js';
import { hashOf, listFiles } from './disk.js';
import { FolderMirror } from './folder-mirror.js';

const open: MirrorHarness[] = [];
async function harness(opts: Parameters<typeof openMirrorHarness>[0] = {}): Promise<MirrorHarness> {
  const h = await openMirrorHarness(opts);
  open.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const itemAt = (h: MirrorHarness, path: string) => h.ws.getSnapshot().items.find((i) => i.path === path);

describe('folder mirror: store → files', () => {
  it('writes one file per item, laid out by namespace, with the extension of its kind', async () => {
    const h = await harness();
    await h.ws.createItem({ path: 'Acme.Billing.charge', kind: 'fn', content: 'export const charge = 1;\n' });
    await h.ws.createItem({ path: 'Acme.Billing.Invoice', kind: 'type', content: 'type Invoice = {}' });
    await h.ws.createItem({ path: 'Acme.ui.button', kind: 'component', content: 'name: button\n' });
    await h.ws.createItem({ path: 'Acme.readme', kind: 'doc', content: '# Acme' });
    await h.exported();
    expect(await h.read('Acme/Billing/charge.ts')).toBe('export const charge = 1;\n');
    expect(await h.read('Acme/Billing/Invoice.type.ts')).toBe('type Invoice = {}');
    expect(await h.read('Acme/ui/button.yaml')).toBe('name: button\n');
    expect(await h.read('Acme/readme.md')).toBe('# Acme');
  });

  it('batches edits within the debounce and rewrites only files whose content changed', async () => {
    const h = await harness({ debounceMs: 300 });
    const a = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: '1' });
    await h.ws.createItem({ path: 'Acme.b', kind: 'fn', content: 'b' });
    await h.exported();
    const before = await lstat(join(h.folder, 'Acme/b.ts'));
    for (const n of ['2', '3', '4']) await h.ws.updateContent(a.itemId, n);
    await new Promise((done) => setTimeout(done, 100));
    expect(await h.read('Acme/a.ts')).toBe('1'); // still inside the debounce
    await eventually(async () => expect(await h.read('Acme/a.ts')).toBe('4'));
    expect((await lstat(join(h.folder, 'Acme/b.ts'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('writes the exports still waiting on their debounce when closed (quit), within the time limit', async () => {
    const h = await harness({ debounceMs: 60_000 });
    const a = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'before' });
    await h.exported();
    await h.ws.updateContent(a.itemId, 'typed just before quitting');
    await h.feed.settled(); // main has the edit; its write waits a minute
    expect(await h.read('Acme/a.ts')).toBe('before');
    await h.mirror.close(3_000); // what quitting the app (or SIGTERM to the host) runs
    expect(await h.read('Acme/a.ts')).toBe('typed just before quitting');
  });

  it('moves the file on rename, removes it on delete, and never imports its own writes back', async () => {
    const h = await harness();
    const item = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'x' });
    await h.exported();
    await h.ws.renameItem(item.itemId, 'Other.b');
    await h.exported();
    await expect(h.read('Acme/a.ts')).rejects.toThrow();
    expect(await h.read('Other/b.ts')).toBe('x');
    await new Promise((done) => setTimeout(done, 400)); // the watcher saw our writes
    expect(await h.db.ops.count()).toBe(2); // create + rename: no echo op
    await h.ws.deleteItem(item.itemId);
    await h.exported();
    expect((await listFiles(h.folder)).files).toEqual([]);
  });
});

describe('folder mirror: branch switch', () => {
  it('rewrites the folder to the branch view, and back', async () => {
    const h = await harness();
    const a = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'main a' });
    await h.exported();
    await h.ws.createBranch('pricing');
    await h.ws.updateContent(a.itemId, 'branch a');
    await h.ws.createItem({ path: 'Acme.onlyOnBranch', kind: 'fn', content: 'b' });
    await h.exported();
    expect(await h.read('Acme/a.ts')).toBe('branch a');
    expect(await h.read('Acme/onlyOnBranch.ts')).toBe('b');
    await h.ws.switchBranch('main');
    await h.exported();
    expect(await h.read('Acme/a.ts')).toBe('main a');
    expect((await listFiles(h.folder)).files).toEqual(['Acme/a.ts']);
    await new Promise((done) => setTimeout(done, 400));
    expect(h.ws.getSnapshot().items.map((i) => i.content)).toEqual(['main a']); // nothing imported back
  });
});

describe('folder mirror: files → store', () => {
  it('turns an editor edit, create, delete and rename into ops', async () => {
    const h = await harness();
    const a = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'one' });
    const b = await h.ws.createItem({ path: 'Acme.b', kind: 'fn', content: 'bee' });
    const c = await h.ws.createItem({ path: 'Acme.c', kind: 'fn', content: 'sea' });
    await h.exported();
    await writeFile(join(h.folder, 'Acme/a.ts'), 'two');
    await mkdir(join(h.folder, 'Team'));
    await writeFile(join(h.folder, 'Team/new.yaml'), 'kind: new\n');
    await unlink(join(h.folder, 'Acme/b.ts'));
    await rename(join(h.folder, 'Acme/c.ts'), join(h.folder, 'Team/moved.ts'));
    await eventually(() => expect(h.ws.item(a.itemId)?.content).toBe('two'));
    await eventually(() =>
      expect(itemAt(h, 'Team.new')).toMatchObject({ kind: 'component', content: 'kind: new\n' }),
    );
    await eventually(() => expect(h.ws.item(b.itemId)?.deleted).toBe(true));
    await eventually(() => expect(h.ws.item(c.itemId)).toMatchObject({ path: 'Team.moved', content: 'sea' }));
    // Nothing is written back over what the editor did.
    await h.exported();
    expect(await h.read('Acme/a.ts')).toBe('two');
    expect(await h.read('Team/moved.ts')).toBe('sea');
  });

  it('makes a conflict (never markers in the file) when the file and the app changed the same item', async () => {
    const h = await harness({ debounceMs: 2_000 });
    const item = await h.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'base' });
    await h.exported();
    await h.ws.updateContent(item.itemId, 'from the app'); // waits in the 2 s debounce
    await writeFile(join(h.folder, 'Acme/a.ts'), 'from the editor');
    await eventually(() => expect(h.ws.item(item.itemId)?.conflict).not.toBeNull());
    const sides = h.ws
      .item(item.itemId)
      ?.conflict?.sides.map((op) => op.content)
      .sort();
    expect(sides).toEqual(['from the app', 'from the editor']);
    expect(h.ws.item(item.itemId)?.conflict?.base?.content).toBe('base');
    await h.exported();
    const file = await h.read('Acme/a.ts');
    expect(['from the app', 'from the editor']).toContain(file);
    expect(file).not.toMatch(/<<<<<<<|>>>>>>>/);
  });

  it('refuses hostile and unusable files with a notice, imports nothing and deletes nothing', async () => {
    const h = await harness();
    const outside = await mkdtemp(join(tmpdir(), 'tether-outside-'));
    await writeFile(join(outside, 'secret.ts'), 'secret');
    await mkdir(join(h.folder, 'Acme'), { recursive: true });
    const files: Record<string, string | Buffer> = {
      'Acme/has space.ts': 'x',
      'Acme/9starts-with-digit.ts': 'x',
      'Acme/a.exe': 'x',
      'top-level.ts': 'x',
      'Acme/binary.ts': Buffer.from([0x41, 0x00, 0x42]),
      'Acme/latin1.ts': Buffer.from([0xe9, 0x74, 0xe9]),
      'Acme/huge.ts': 'x'.repeat(1024 * 1024 + 1),
      'Acme/ünïcode.ts': 'x',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(h.folder, name), content);
    await symlink(join(outside, 'secret.ts'), join(h.folder, 'Acme/link.ts'));
    await symlink(outside, join(h.folder, 'Escape'));
    await writeFile(join(h.folder, 'Acme/fine.ts'), 'ok');
    await eventually(() => expect(itemAt(h, 'Acme.fine')?.content).toBe('ok'));
    await eventually(() => expect(h.mirror.notices.length).toBeGreaterThanOrEqual(9));
    const byPath = new Map(h.mirror.notices.map((n) => [n.relPath, n.message]));
    expect(byPath.get('Acme/has space.ts')).toMatch(/must start with a letter/);
    expect(byPath.get('Acme/a.exe')).toMatch(/extension ".exe"/);
    expect(byPath.get('top-level.ts')).toMatch(/namespace folder/);
    expect(byPath.get('Acme/binary.ts')).toMatch(/binary/);
    expect(byPath.get('Acme/latin1.ts')).toMatch(/binary/);
    expect(byPath.get('Acme/huge.ts')).toMatch(/larger than 1 MB/);
    expect(byPath.get('Acme/link.ts')).toMatch(/symbolic link/);
    expect(byPath.get('Escape')).toMatch(/symbolic link/);
    expect(h.ws.getSnapshot().items.map((i) => i.path)).toEqual(['Acme.fine']);
    // Nothing was removed or changed.
    expect(await readFile(join(h.folder, 'Acme/huge.ts'), 'utf8')).toHaveLength(1024 * 1024 + 1);
    expect(await readFile(join(outside, 'secret.ts'), 'utf8')).toBe('secret');
    await rm(outside, { recursive: true, force: true });
  });

  it('imports changes made while the app was closed, once', async () => {
    const first = await harness();
    const item = await first.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'v1' });
    await first.exported();
    await first.close(false);
    open.splice(open.indexOf(first), 1);
    await writeFile(join(first.folder, 'Acme/a.ts'), 'edited while closed');
    const again = await harness({ folder: first.folder, dataDir: first.dataDir, dbName: first.name });
    await eventually(() => expect(again.ws.item(item.itemId)?.content).toBe('edited while closed'));
    await new Promise((done) => setTimeout(done, 400));
    expect(await again.db.ops.count()).toBe(2);
  });
});

describe('folder mirror: crash during an export', () => {
  it('leaves whole files only, and the next start finishes the export', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tether-crash-'));
    const dataDir = await mkdtemp(join(tmpdir(), 'tether-crash-data-'));
    // Many items, killed early: the export must still be running when the kill lands, even on a quiet machine.
    const count = 8000;
    const child = spawn('npx', ['tsx', 'bench/mirror-crash-child.ts', folder, dataDir, String(count)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    await eventually(async () => expect((await listFiles(folder)).files.length).toBeGreaterThan(100), 20_000);
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await new Promise((done) => child.once('exit', done));
    const items = manyItems(count, 'Crash');
    const expected = new Map(items.map((item) => [`${item.path.split('.').join('/')}.ts`, item.content]));
    const half = await listFiles(folder);
    expect(half.files.length).toBeLessThan(count);
    const mirror = await FolderMirror.open({ folder, dataDir, debounceMs: 10, emitChanges: () => undefined });
    const after = await listFiles(folder);
    expect(after.temps).toEqual([]);
    for (const file of after.files)
      expect(await readFile(join(folder, file), 'utf8')).toBe(expected.get(file));
    for (const entry of mirror.manifest.entries()) {
      expect(hashOf(await readFile(join(folder, entry.relPath)))).toBe(entry.hash);
    }
    mirror.publish({ branchId: 'main', full: true, upserts: items, removes: [] });
    await mirror.flush();
    expect((await listFiles(folder)).files.length).toBe(count);
    await mirror.close();
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);
});
