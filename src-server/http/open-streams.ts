import type { Queryable } from '../db/db.js';
import { tokensStillValid } from '../store/users.js';

interface OpenStream {
  user: string;
  tokenId: string;
  end(): void;
}

export interface StreamsLog {
  error(detail: object, message: string): void;
}

/**
 * The live streams this process holds, by token. A token holds at most
 * `perToken` at once. When the store announces that a user's access changed
 * (a token revoked, the user suspended — from any process or the admin CLI),
 * that user's streams are checked against the store and those whose token no
 * longer grants access are ended.
 */
export class OpenStreams {
  private readonly byToken = new Map<string, Set<OpenStream>>();

  constructor(
    private readonly db: Queryable,
    private readonly perToken: number,
    private readonly log: StreamsLog,
  ) {}

  /** Registers a stream; false (nothing registered) when its token already holds `perToken`. */
  add(stream: OpenStream): boolean {
    const held = this.byToken.get(stream.tokenId) ?? new Set<OpenStream>();
    if (held.size >= this.perToken) return false;
    held.add(stream);
    this.byToken.set(stream.tokenId, held);
    return true;
  }

  remove(stream: OpenStream): void {
    const held = this.byToken.get(stream.tokenId);
    held?.delete(stream);
    if (held?.size === 0) this.byToken.delete(stream.tokenId);
  }

  /** Ends the streams (of `user`, or of everyone) whose token no longer grants access. */
  async recheck(user?: string): Promise<void> {
    const tokenIds = [...this.byToken]
      .filter(([, held]) => user === undefined || [...held].some((s) => s.user === user))
      .map(([tokenId]) => tokenId);
    if (tokenIds.length === 0) return;
    try {
      const valid = await tokensStillValid(this.db, tokenIds);
      for (const tokenId of tokenIds) {
        if (valid.has(tokenId)) continue;
        for (const stream of this.byToken.get(tokenId) ?? []) stream.end();
      }
    } catch (err) {
      this.log.error({ err }, 'could not check the access of open live streams');
    }
  }

  endAll(): void {
    for (const held of this.byToken.values()) for (const stream of held) stream.end();
  }
}
