import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOG_MESSAGE_MAX } from '../../src-shared/bridge/log.js';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import { createMainCore, type MainCore } from '../core.js';
import { openMainLog } from './main-log.js';
import { createLogHandlers } from './renderer-reports.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tether-log-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Every line of every log file in the folder, oldest file first, parsed. */
async function logLines(dir: string): Promise<Record<string, unknown>[]> {
  const number = (f: string) => Number(/\.(\d+)\.log$/.exec(f)?.[1]);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.log')).sort((a, b) => number(a) - number(b));
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return texts
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function openCore(name: string): Promise<MainCore> {
  return createMainCore({
    dataDir: join(tmp, name),
    userName: 'ivy',
    shell: 'browser',
    version: '0',
    logEcho: false,
  });
}

describe("main's log file", () => {
  it('holds a renderer error sent over the bridge, in <dataDir>/logs, with its stack', async () => {
    const core = await openCore('a');
    const call = (params: unknown) => dispatchCall(core.handlers, 'log.report', params);
    expect(
      await call({
        level: 'error',
        message: 'The history cache could not open',
        detail: 'Error: x\n    at y',
      }),
    ).toEqual({ ok: true, result: undefined });
    expect(core.info.logsDir).toBe(join(tmp, 'a', 'logs'));
    core.dispose();
    const lines = await logLines(core.info.logsDir);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        from: 'renderer',
        msg: 'The history cache could not open',
        detail: 'Error: x\n    at y',
      }),
    );
    expect(typeof lines[0]?.time).toBe('string'); // ISO time, readable in the file
  });

  it('cuts an oversize message before it reaches the file', async () => {
    const core = await openCore('b');
    const huge = 'x'.repeat(LOG_MESSAGE_MAX * 50);
    await dispatchCall(core.handlers, 'log.report', { level: 'warn', message: huge });
    core.dispose();
    const [line] = (await logLines(core.info.logsDir)).filter((l) => l.from === 'renderer');
    expect(line?.level).toBe(40);
    expect(String(line?.msg).length).toBeLessThan(LOG_MESSAGE_MAX + 50);
    expect(String(line?.msg)).toContain(`${huge.length - LOG_MESSAGE_MAX} more characters cut`);
  });

  it('refuses a malformed report, and logs the refusal of a bad call without showing its method to the page', async () => {
    const core = await openCore('c');
    const bad = await dispatchCall(core.handlers, 'log.report', { level: 'fatal', message: 7 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!bad.ok && bad.error.message).not.toContain('log.report');
    core.dispose();
    const lines = await logLines(core.info.logsDir);
    expect(lines.some((l) => l.from === 'renderer')).toBe(false);
    expect(lines).toContainEqual(
      expect.objectContaining({ from: 'bridge', method: 'log.report', code: 'bad_request', level: 40 }),
    );
  });
});

describe('renderer reports are rate limited', () => {
  it('writes at most the limit per window and then says how many were dropped', async () => {
    const written: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void written.push(JSON.parse(line)) });
    let now = 0;
    const handlers = createLogHandlers(logger, { count: 2, windowMs: 1000 }, () => now);
    for (let i = 0; i < 10; i += 1) await handlers['log.report']({ level: 'error', message: `boom ${i}` });
    expect(written.map((l) => l.msg)).toEqual(['boom 0', 'boom 1']);
    now = 1000;
    await handlers['log.report']({ level: 'error', message: 'later' });
    expect(written.map((l) => l.msg).slice(2)).toEqual([
      '8 reports from the page were dropped (too many)',
      'later',
    ]);
  });
});

describe('log rotation', () => {
  it('starts a new file when one is full and keeps only the newest five', async () => {
    const log = await openMainLog(join(tmp, 'rolling'), { echo: false, fileSize: '1k' });
    // Rolling happens between writes (after the stream drains), as it does in a running app.
    for (let i = 0; i < 400; i += 1) {
      log.logger.info(`line ${i} ${'y'.repeat(40)}`);
      await new Promise((done) => setImmediate(done));
    }
    await log.close();
    const logFiles = async () => (await readdir(log.dir)).filter((f) => f.endsWith('.log'));
    await vi.waitFor(async () => expect((await logFiles()).length).toBe(5)); // the current file and four before it
    const files = await logFiles();
    expect(files.every((f) => /^tether\.\d+\.log$/.test(f))).toBe(true);
    const lines = await logLines(log.dir);
    expect(lines.at(-1)?.msg).toMatch(/^line 399 /); // the newest line survived
    expect(lines.some((l) => String(l.msg).startsWith('line 0 '))).toBe(false); // the oldest went
  });
});
