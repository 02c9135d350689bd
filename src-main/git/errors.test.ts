import { describe, expect, it } from 'vitest';
import { explainGitFailure } from './errors';

describe('explainGitFailure', () => {
  it('reads a refused push as "pull first", even when the remote URL holds the digits 403', () => {
    const stderr = [
      'To http://127.0.0.1:40379/race',
      ' ! [rejected]        main -> main (fetch first)',
      "error: failed to push some refs to 'http://127.0.0.1:40379/race'",
    ].join('\n');
    const error = explainGitFailure(['push'], stderr, '/tmp/x');
    expect(error.reason).toBe('rejected');
    expect(error.message).toMatch(/pull first/);
  });

  it('reads an HTTP 401 or 403 from the remote as a sign-in it cannot give', () => {
    for (const code of ['401', '403']) {
      const stderr = `fatal: unable to access 'http://127.0.0.1:8080/r/': The requested URL returned error: ${code}`;
      expect(explainGitFailure(['fetch'], stderr, '/tmp/x').reason).toBe('auth');
    }
  });
});
