import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGit } from './run.js';

describe('git as Tether runs it', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tether-git-run-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an ext:: address (a command, not a repository) even where git config allows it', async () => {
    // An address from team data (a linked namespace's lock) could try this; a user's own git
    // config saying protocol.allow=always must not open the door.
    const marker = path.join(dir, 'ran');
    const address = `ext::sh -c touch% ${marker}`;
    const allowAll = {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'protocol.allow',
      GIT_CONFIG_VALUE_0: 'always',
    };
    await expect(
      runGit(['ls-remote', address], { cwd: dir, timeoutMs: 20_000, env: allowAll }),
    ).rejects.toThrow();
    expect(existsSync(marker)).toBe(false);
  });

  it('still reaches a repository by a plain file:// address', async () => {
    const repo = path.join(dir, 'up');
    await runGit(['init', '-q', repo], { cwd: dir });
    await expect(runGit(['ls-remote', `file://${repo}`], { cwd: dir })).resolves.toBe('');
  });
});
