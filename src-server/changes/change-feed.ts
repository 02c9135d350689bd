import type { StreamChanged } from '../../src-shared/sync-protocol/index.js';
import { ChangeTopicSchema, StreamChangedSchema } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { CHANGES_CHANNEL, newestChangeSeq } from '../store/order.js';

type Subscriber = (changed: StreamChanged) => void;

export interface FeedLog {
  warn(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

/**
 * One LISTEN per server process, fanned out to its live clients. Writers
 * NOTIFY inside their transaction (store/order.ts), so a change committed by
 * any process on the same PostgreSQL reaches every process's clients; PGlite
 * delivers its own notifications in-process the same way.
 */
export class ChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: FeedLog,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(CHANGES_CHANNEL, {
      message: (payload) => this.onMessage(payload),
      reconnected: () => void this.onReconnected(),
    });
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.stopListening?.();
    this.stopListening = null;
  }

  private onMessage(payload: string): void {
    let parsed: ReturnType<typeof StreamChangedSchema.safeParse>;
    try {
      parsed = StreamChangedSchema.safeParse(JSON.parse(payload));
    } catch {
      parsed = StreamChangedSchema.safeParse(null);
    }
    if (!parsed.success) {
      this.log.warn({ payload: payload.slice(0, 200) }, 'ignored a malformed change notification');
      return;
    }
    this.emit(parsed.data);
  }

  /** Notifications sent while the listener was away are lost; tell clients to check everything. */
  private async onReconnected(): Promise<void> {
    try {
      const changeSeq = await newestChangeSeq(this.db);
      this.emit({ changeSeq, topics: ChangeTopicSchema.options });
    } catch (err) {
      this.log.error({ err }, 'could not read the newest change after reconnecting');
    }
  }

  private emit(changed: StreamChanged): void {
    for (const subscriber of this.subscribers) subscriber(changed);
  }
}
