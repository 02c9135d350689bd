import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src-server/testing/processes.js';
import { descendants, finished, npmRun, printed, survivors } from '../../src-server/testing/npm-run.js';
import { startFakeServer } from '../remote/test-support.js';

/** The host's command line, run as a user runs it: `npm run host -- …` (or node itself where npm adds nothing). */
const READY = /Tether is running at (http:\/\/\S+)/;
const TOKEN = 'tok-from-a-safe-place';
let tmp: string;
const seen: string[] = [];
let fake: Awaited<ReturnType<typeof startFakeServer>>;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tether-host-cli-'));
  await writeFile(join(tmp, 'index.html'), '<!doctype html><p>page</p>');
  fake = await startFakeServer((req: IncomingMessage, res) => {
    if (!req.url?.startsWith('/v1/me')) return void res.destroy();
    seen.push(req.headers.authorization ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ user: { name: 'alice' }, ownedNamespaces: [], serverTime: Date.now() }));
  });
});
afterAll(async () => {
  await fake.close();
  await rm(tmp, { recursive: true, force: true });
});

let dirs = 0;
const base = () => [
  '--port',
  '0',
  '--data-dir',
  join(tmp, `data-${++dirs}`),
  '--renderer-dir',
  tmp,
  '--user',
  'alice',
];

/** The host's entry point as one node process, with stdin to write to. */
function host(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--import', 'tsx', 'src-main/host/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, TETHER_TOKEN: '', ...env },
  });
}

/** Starts the host, waits for its ready line, stops it with SIGTERM; returns its output and exit code. */
async function runUntilReady(child: ReturnType<typeof host>) {
  const done = finished(child);
  const [, url] = await printed(child, READY);
  child.kill('SIGTERM');
  return { url, ...(await done) };
}

// Each case starts real node processes (a few seconds each on two cores).
describe('npm run host', { timeout: 120_000 }, () => {
  it('prints its usage for --help and exits 0', async () => {
    const res = await finished(npmRun('host', ['--help']));
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toMatch(/^Usage: npm run host -- \[options\]/);
    expect(res.stdout).toContain('--token-file FILE');
    expect(res.stdout).toContain('--allow-remote');
  });

  it('refuses a token on the command line, says what to use, and starts nothing', async () => {
    const res = await finished(host([...base(), '--server', fake.url, '--token', TOKEN]));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--token is not accepted');
    expect(res.stderr).toContain('--token-file FILE, --token-file - (standard input) or the TETHER_TOKEN');
    expect(res.stdout).not.toMatch(READY);
  });

  it('signs in with a token from a file, standard input or TETHER_TOKEN', async () => {
    const file = join(tmp, 'token.txt');
    await writeFile(file, `${TOKEN}-file\n`, { mode: 0o600 });
    seen.length = 0;
    await runUntilReady(host([...base(), '--server', fake.url, '--token-file', file]));
    const fromStdin = host([...base(), '--server', fake.url, '--token-file', '-']);
    fromStdin.stdin.end(`${TOKEN}-stdin\n`);
    await runUntilReady(fromStdin);
    await runUntilReady(host([...base(), '--server', fake.url], { TETHER_TOKEN: `${TOKEN}-env` }));
    expect(seen).toEqual([`Bearer ${TOKEN}-file`, `Bearer ${TOKEN}-stdin`, `Bearer ${TOKEN}-env`]);
  });

  it('says so when the token file cannot be read or is empty', async () => {
    const missing = await finished(
      host([...base(), '--server', fake.url, '--token-file', join(tmp, 'nope')]),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read the token file');
    const empty = host([...base(), '--server', fake.url, '--token-file', '-']);
    empty.stdin.end('\n');
    const res = await finished(empty);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('No token in standard input');
  });

  it('refuses a non-loopback --host unless --allow-remote, which prints a warning', async () => {
    const refused = await finished(host([...base(), '--host', '0.0.0.0']));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Refusing to listen on 0.0.0.0');
    expect(refused.stderr).toContain('--allow-remote');
    const allowed = await runUntilReady(host([...base(), '--host', '0.0.0.0', '--allow-remote']));
    expect(allowed.stderr).toMatch(/^Warning: --allow-remote: Tether listens on 0\.0\.0\.0/);
    expect(allowed.code).toBe(0);
  });

  it('prints an address with this launch key, a new one each launch', async () => {
    const a = await runUntilReady(host(base()));
    const b = await runUntilReady(host(base()));
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[A-Za-z0-9_-]{43}$/);
    expect(new URL(a.url ?? '').searchParams.get('key')).not.toBe(
      new URL(b.url ?? '').searchParams.get('key'),
    );
  });

  it('stops with every process it started when npm gets SIGTERM', async () => {
    const npm = npmRun('host', base());
    const done = finished(npm);
    await printed(npm, READY);
    const below = descendants(npm.pid as number);
    expect(below.length).toBeGreaterThan(0);
    npm.kill('SIGTERM');
    await done;
    expect(await survivors(below), `still running below npm: ${await readCmdlines(below)}`).toEqual([]);
  });
});

async function readCmdlines(pids: number[]): Promise<string> {
  const lines = await Promise.all(
    pids.map((pid) =>
      readFile(`/proc/${pid}/cmdline`, 'utf8').then(
        (c) => `${pid} ${c.replaceAll('\0', ' ')}`,
        () => '',
      ),
    ),
  );
  return lines.filter(Boolean).join('; ');
}
