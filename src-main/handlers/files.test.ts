import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../src-shared/bridge/contract.js';
import { exportsFolderSaver } from './files.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('file.save in the host', () => {
  it('writes into <dataDir>/exports and never overwrites an earlier export', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tether-files-'));
    dirs.push(dir);
    const save = exportsFolderSaver(dir);
    const first = await save({ suggestedName: 'work.json', content: '{"a":1}' });
    const second = await save({ suggestedName: 'work.json', content: '{"a":2}' });
    expect(first).toEqual({ saved: true, path: join(dir, 'exports', 'work.json') });
    expect(second.path).toBe(join(dir, 'exports', 'work-1.json'));
    expect(await readFile(first.path!, 'utf8')).toBe('{"a":1}');
  });

  it('refuses a name that could leave the folder (checked before any handler runs)', () => {
    const params = bridgeMethods['file.save'].params;
    expect(params.safeParse({ suggestedName: '../etc/passwd', content: '' }).success).toBe(false);
    expect(params.safeParse({ suggestedName: 'a/b.json', content: '' }).success).toBe(false);
    expect(params.safeParse({ suggestedName: '..', content: '' }).success).toBe(false);
    expect(params.safeParse({ suggestedName: 'tether-local-work.json', content: '' }).success).toBe(true);
  });
});
