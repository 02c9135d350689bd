/**
 * Which branches the profile's other tabs show, so the leader pulls their
 * news too (a follower cannot pull: it runs no engine). Each follower
 * announces its branch view over a BroadcastChannel of the profile: at
 * start, on every switch, when a new leader asks, and again every
 * ANNOUNCE_EVERY_MS; the leader forgets a tab it has not heard from for
 * FORGET_AFTER_MS (a crashed tab says no goodbye) or that said goodbye.
 */

const ANNOUNCE_EVERY_MS = 60_000;
const FORGET_AFTER_MS = 150_000;

type Message = { kind: 'shows'; tabId: string; branchId: string | null } | { kind: 'who-shows' };

/** A tab's branch view: the workspace's current branch. */
export interface ShownView {
  branchId(): string;
  subscribe(listener: () => void): () => void;
}

function viewsChannel(channelName: string): BroadcastChannel {
  return new BroadcastChannel(`${channelName}-views`);
}

/** The leader's side: the branches other tabs show now. */
export class ShownBranches {
  private readonly channel: BroadcastChannel;
  private readonly heard = new Map<string, { branchId: string; at: number }>();

  constructor(
    channelName: string,
    private readonly now: () => number = Date.now,
  ) {
    this.channel = viewsChannel(channelName);
    this.channel.onmessage = (event: MessageEvent<Message>) => this.hear(event.data);
    this.channel.postMessage({ kind: 'who-shows' } satisfies Message);
  }

  /** Distinct branch ids, oldest announcement first. */
  list(): string[] {
    const fresh: string[] = [];
    for (const [tabId, shown] of this.heard) {
      if (this.now() - shown.at > FORGET_AFTER_MS) this.heard.delete(tabId);
      else if (!fresh.includes(shown.branchId)) fresh.push(shown.branchId);
    }
    return fresh;
  }

  close(): void {
    this.channel.close();
    this.heard.clear();
  }

  private hear(msg: Message | undefined): void {
    if (msg?.kind !== 'shows' || typeof msg.tabId !== 'string') return;
    this.heard.delete(msg.tabId);
    if (typeof msg.branchId === 'string')
      this.heard.set(msg.tabId, { branchId: msg.branchId, at: this.now() });
  }
}

/** A follower's side: tells the leader which branch this tab shows. Returns a stop that says goodbye. */
export function announceShownBranch(channelName: string, view: ShownView): () => void {
  const channel = viewsChannel(channelName);
  const tabId = crypto.randomUUID();
  const announce = (branchId: string | null = view.branchId()) =>
    channel.postMessage({ kind: 'shows', tabId, branchId } satisfies Message);
  let shown = view.branchId();
  channel.onmessage = (event: MessageEvent<Message>) => {
    if (event.data?.kind === 'who-shows') announce();
  };
  const unsubscribe = view.subscribe(() => {
    if (view.branchId() === shown) return;
    shown = view.branchId();
    announce();
  });
  const timer = setInterval(() => announce(), ANNOUNCE_EVERY_MS);
  announce();
  return () => {
    clearInterval(timer);
    unsubscribe();
    announce(null);
    channel.close();
  };
}
