import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTANCE_FILE, loadIdentity, resolveUserName } from './identity.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tether-identity-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loadIdentity', () => {
  it('makes an instance id once, in a data folder it creates, and returns the same id afterwards', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadIdentity(dataDir, 'bob');
    const again = await loadIdentity(dataDir, 'carol');
    expect(first.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.instanceId).toBe(first.instanceId);
    expect(again.userName).toBe('carol');
    const file = JSON.parse(await readFile(join(dataDir, INSTANCE_FILE), 'utf8')) as Record<string, unknown>;
    expect(file.instanceId).toBe(first.instanceId);
  });

  it('refuses a file that is not JSON and leaves it untouched', async () => {
    await writeFile(join(dir, INSTANCE_FILE), 'garbage');
    await expect(loadIdentity(dir, 'bob')).rejects.toThrow(/instance\.json is not valid JSON/);
    expect(await readFile(join(dir, INSTANCE_FILE), 'utf8')).toBe('garbage');
  });

  it('refuses a bad user name before it touches the data folder', async () => {
    await expect(loadIdentity(join(dir, 'never'), 'bad\u0007name')).rejects.toThrow(/Invalid user name/);
    await expect(readFile(join(dir, 'never', INSTANCE_FILE))).rejects.toThrow(/ENOENT/);
  });
});

describe('resolveUserName', () => {
  it('uses the given name trimmed, else the OS user', () => {
    expect(resolveUserName('  dana ')).toBe('dana');
    expect(resolveUserName(undefined)).toBe(userInfo().username);
    expect(() => resolveUserName('   ')).toThrow(/Invalid user name/);
    expect(() => resolveUserName('x'.repeat(101))).toThrow(/Invalid user name/);
  });
});
