/**
 * Git's failures in plain words. The raw stderr stays on the error (for the
 * log and "details"), but what a user reads says what happened and what to do.
 */
export type GitErrorReason =
  | 'missing_git'
  | 'index_locked'
  | 'no_remote'
  | 'not_a_repo'
  | 'timeout'
  | 'auth'
  | 'unreachable'
  | 'rejected'
  | 'failed';

export class GitError extends Error {
  constructor(
    readonly reason: GitErrorReason,
    message: string,
    readonly stderr = '',
    /** Worth trying again later by itself (a network hiccup, a lock another git holds). */
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** What failed, told from what git printed (git runs with LC_ALL=C so these phrases are stable). */
export function explainGitFailure(args: readonly string[], stderr: string, cwd: string): GitError {
  const text = stderr.trim();
  if (/index\.lock': File exists/.test(text) || /Unable to create '.*\.lock'/.test(text)) {
    return new GitError(
      'index_locked',
      `Another git program is using the folder ${cwd}, or one stopped half way. If no git is running there, ` +
        `delete the file .git/index.lock in that folder and try again.`,
      text,
      true,
    );
  }
  if (/No such remote|does not appear to be a git repository|'origin' does not appear/.test(text)) {
    return new GitError(
      'no_remote',
      'This folder has no remote to sync with. Add one (git remote add origin URL) or set it in Settings → Folder & Git.',
      text,
    );
  }
  if (/not a git repository/i.test(text)) {
    return new GitError('not_a_repo', `The folder ${cwd} is not a git repository.`, text);
  }
  if (
    /Authentication failed|could not read Username|terminal prompts disabled|returned error: 40[13]\b/.test(
      text,
    )
  ) {
    return new GitError(
      'auth',
      'The remote asked for a sign-in that Tether cannot give. Set up a credential helper or SSH key for this remote.',
      text,
    );
  }
  if (
    /Could not resolve host|Connection refused|Failed to connect|unable to access|Connection timed out/.test(
      text,
    )
  ) {
    return new GitError('unreachable', 'The remote could not be reached. Tether will try again.', text, true);
  }
  if (/\[rejected\]|non-fast-forward|fetch first/.test(text)) {
    return new GitError(
      'rejected',
      'The remote has commits this folder does not have yet; pull first, then push again.',
      text,
      true,
    );
  }
  const first = text.split('\n').find((line) => line.trim()) ?? 'no message';
  return new GitError(
    'failed',
    `git ${args[0] ?? ''} failed: ${first.replace(/^(fatal|error): /, '')}`,
    text,
  );
}

export function missingGit(): GitError {
  return new GitError(
    'missing_git',
    'Git is not installed (or not on the PATH). Install git to sync the folder; the folder mirror works without it.',
  );
}

export function timedOut(args: readonly string[], ms: number): GitError {
  return new GitError(
    'timeout',
    `git ${args[0] ?? ''} did not finish within ${Math.round(ms / 1000)} s; the remote may be slow or unreachable. Tether will try again.`,
    '',
    true,
  );
}

export function missingFolder(dir: string): GitError {
  return new GitError('not_a_repo', `The folder ${dir} does not exist (was it moved or deleted?).`);
}
