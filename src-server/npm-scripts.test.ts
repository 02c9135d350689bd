import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendants, finished, npmRun, printed, survivors } from './testing/npm-run.js';

/** `npm run server` and `npm run admin` as a user runs them: usage, exit codes, and a clean stop. */
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tether-npm-scripts-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('npm run server / admin', { timeout: 120_000 }, () => {
  it('print their usage for --help and exit 0', async () => {
    const server = await finished(npmRun('server', ['--help']));
    expect(server).toMatchObject({ code: 0, stderr: '' });
    expect(server.stdout).toMatch(/^Usage: npm run server -- /);
    const admin = await finished(npmRun('admin', ['--help']));
    expect(admin).toMatchObject({ code: 0, stderr: '' });
    expect(admin.stdout).toMatch(/^Usage: npm run admin -- <command>/);
    expect(admin.stdout).toContain('issue-token NAME');
  });

  it('exit 2 with the usage for an unknown admin command', async () => {
    const res = await finished(npmRun('admin', ['drop-everything']));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Unknown command 'drop-everything'");
  });

  it('stops the server with every process it started when npm gets SIGTERM', async () => {
    // An empty DATABASE_URL keeps the server on PGlite in the temp folder, whatever the environment says.
    const npm = npmRun('server', ['--port', '0', '--data-dir', join(tmp, 'pglite')], { DATABASE_URL: '' });
    const done = finished(npm);
    await printed(npm, /Tether server listening on/);
    const below = descendants(npm.pid as number);
    expect(below.length).toBeGreaterThan(0);
    npm.kill('SIGTERM');
    await done;
    expect(await survivors(below)).toEqual([]);
  });
});
