import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitRepo } from '../git/repo.js';

/** Inside .git: the list goes with the repository and is never part of what the folder commits. */
const FILE = 'tether-release-tags-to-push.json';

export interface TagPushOutcome {
  pushed: string[];
  /** Tags the remote holds on another commit: kept there, reported, tried again on the next push. */
  refused: { tag: string; reason: string }[];
}

/**
 * The release tags Tether made in the mirror repository that the remote
 * does not have yet. A push sends them after the branch, never forced: a tag
 * the remote took (or already had on the same commit) leaves the list; one
 * the remote holds on another commit stays, so every later push says so
 * again until someone settles it. The list is written before the push asks
 * for the network, so a tag made just before a crash is still pushed later.
 */
export class ReleaseTagPushes {
  /** Reads and writes of the list, one at a time (a tag may be added while a push runs). */
  private editing: Promise<unknown> = Promise.resolve();

  constructor(private readonly repo: GitRepo) {}

  private get file(): string {
    return join(this.repo.dir, '.git', FILE);
  }

  async pending(): Promise<string[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '[]');
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
    } catch {
      return []; // a torn file: the tags stay in the repository, only their push is forgotten
    }
  }

  add(tag: string): Promise<void> {
    return this.edit((pending) => (pending.includes(tag) ? pending : [...pending, tag]));
  }

  /**
   * Pushes every pending tag (after the branch, by the caller) and keeps
   * what is still to settle. Tags added while it runs go too: a push asked
   * for meanwhile may have been joined to the one running.
   */
  async push(): Promise<TagPushOutcome> {
    const outcome: TagPushOutcome = { pushed: [], refused: [] };
    const tried = new Set<string>();
    for (;;) {
      const fresh = (await this.pending()).filter((tag) => !tried.has(tag));
      if (fresh.length === 0) return outcome;
      for (const tag of fresh) tried.add(tag);
      // A tag someone deleted here by hand is no longer Tether's to push (git would fail the whole push).
      const here: string[] = [];
      for (const tag of fresh) if (await this.repo.tagCommit(tag)) here.push(tag);
      const answers = await this.repo.pushTags(here);
      for (const tag of here) {
        const answer = answers.get(tag);
        if (answer?.state === 'refused') outcome.refused.push({ tag, reason: answer.reason });
        else outcome.pushed.push(tag);
      }
      const settled = new Set([...outcome.pushed, ...fresh.filter((tag) => !here.includes(tag))]);
      await this.edit((pending) => pending.filter((tag) => !settled.has(tag)));
    }
  }

  private edit(change: (pending: string[]) => string[]): Promise<void> {
    const next = this.editing.then(async () => {
      const before = await this.pending();
      const after = change(before);
      if (after === before) return;
      await writeFile(`${this.file}.tmp`, JSON.stringify(after));
      await rename(`${this.file}.tmp`, this.file);
    });
    this.editing = next.catch(() => undefined);
    return next;
  }
}
