import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs the first step of `npm test` as npm would, with the environment changed as given. */
function check(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['scripts/check-prereqs.mjs'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr };
}

describe('npm test checks its prerequisites first', () => {
  it('passes quietly on a machine that has them', () => {
    expect(check({})).toEqual({ status: 0, stderr: '' });
  });

  it('stops at once when Chromium is not where it looks, naming what is missing and the one fix', () => {
    const { status, stderr } = check({ CHROMIUM_PATH: '/nowhere/chromium' });
    expect(status).toBe(1);
    expect(stderr).toContain('Chromium (for the end-to-end suite) is not at CHROMIUM_PATH=/nowhere/chromium');
    expect(stderr).toMatch(/Fix it with:\n {2}unset CHROMIUM_PATH && (sudo )?bash \.ci\/prereqs\.sh\n/);
  });

  it('says so when PostgreSQL does not answer', () => {
    const { status, stderr } = check({ TETHER_TEST_PG_URL: 'postgres://postgres@127.0.0.1:1/postgres' });
    expect(status).toBe(1);
    expect(stderr).toContain('PostgreSQL is not answering at 127.0.0.1:1');
    expect(stderr).toMatch(/ {2}(sudo )?bash \.ci\/prereqs\.sh\n/);
  });
});
