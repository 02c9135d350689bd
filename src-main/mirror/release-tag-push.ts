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

  async add(tag: string): Promise<void> {
    const pending = await this.pending();
    if (!pending.includes(tag)) await this.save([...pending, tag]);
  }

  /** Pushes every pending tag (after the branch, by the caller) and keeps what is still to settle. */
  async push(): Promise<TagPushOutcome> {
    const pending = await this.pending();
    // A tag someone deleted here by hand is no longer Tether's to push (git would fail the whole push).
    const here: string[] = [];
    for (const tag of pending) if (await this.repo.tagCommit(tag)) here.push(tag);
    const answers = await this.repo.pushTags(here);
    const outcome: TagPushOutcome = { pushed: [], refused: [] };
    for (const tag of here) {
      const answer = answers.get(tag);
      if (answer?.state === 'refused') outcome.refused.push({ tag, reason: answer.reason });
      else outcome.pushed.push(tag);
    }
    const settled = new Set([...outcome.pushed, ...pending.filter((tag) => !here.includes(tag))]);
    // Tags made while the push ran are kept too.
    const now = await this.pending();
    await this.save(now.filter((tag) => !settled.has(tag)));
    return outcome;
  }

  private async save(tags: string[]): Promise<void> {
    await writeFile(`${this.file}.tmp`, JSON.stringify(tags));
    await rename(`${this.file}.tmp`, this.file);
  }
}
