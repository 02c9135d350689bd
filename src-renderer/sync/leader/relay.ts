/**
 * A follower tab asks the leader's engine to act (Sync now, Retry in the
 * queue, a branch's main policy…) over a BroadcastChannel of the profile.
 * Calls that were on their way when the leader went away are sent again to
 * the next leader when it says it is ready; every relayed call is safe to
 * run twice (sync and the queue are idempotent).
 */

/** The engine calls a follower may relay, and nothing else. */
export const RELAYED = [
  'syncNow',
  'preview',
  'updateFromMain',
  'setMainPolicy',
  'changeCollaborators',
  'dismissNotice',
  'syncPending',
  'whenHistoryComplete',
  'runQueue',
  'syncApprovalsSoon',
] as const;
export type RelayedMethod = (typeof RELAYED)[number];

type Message =
  | { kind: 'call'; id: string; method: RelayedMethod; args: unknown[] }
  | { kind: 'answer'; id: string; ok: true; value: unknown }
  | { kind: 'answer'; id: string; ok: false; error: WireError }
  | { kind: 'leader-ready' };

interface WireError {
  name: string;
  message: string;
  /** Primitive fields such as `code` or `field`, which the UI reads to word the error. */
  fields: Record<string, string | number | boolean | null>;
}

export type EngineTarget = { [M in RelayedMethod]?: (...args: never[]) => unknown };

/** The leader's side: runs what followers ask of its engine. Returns a stop. */
export function serveFollowers(channelName: string, engine: EngineTarget): () => void {
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (event: MessageEvent<Message>) => {
    const msg = event.data;
    if (msg?.kind !== 'call' || !(RELAYED as readonly string[]).includes(msg.method)) return;
    void runCall(engine, msg.method, Array.isArray(msg.args) ? msg.args : []).then(
      (value) => channel.postMessage({ kind: 'answer', id: msg.id, ok: true, value } satisfies Message),
      (error: unknown) =>
        channel.postMessage({
          kind: 'answer',
          id: msg.id,
          ok: false,
          error: toWire(error),
        } satisfies Message),
    );
  };
  channel.postMessage({ kind: 'leader-ready' } satisfies Message);
  return () => channel.close();
}

export async function runCall(
  engine: EngineTarget,
  method: RelayedMethod,
  args: unknown[],
): Promise<unknown> {
  const fn = engine[method] as ((...a: unknown[]) => unknown) | undefined;
  if (!fn) throw new Error(`Sync cannot do "${method}" here`);
  return (await fn.apply(engine, args)) ?? null;
}

interface Pending {
  method: RelayedMethod;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The follower's side: calls on the leader's engine, answered in the leader's words. */
export class LeaderClient {
  private readonly channel: BroadcastChannel;
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  constructor(channelName: string) {
    this.channel = new BroadcastChannel(channelName);
    this.channel.onmessage = (event: MessageEvent<Message>) => this.heard(event.data);
  }

  call(method: RelayedMethod, args: unknown[]): Promise<unknown> {
    this.counter += 1;
    const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${this.counter}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, args, resolve, reject });
      this.post(id);
    });
  }

  /** This tab became the leader: what waited runs on its own engine now. */
  handOver(engine: EngineTarget): void {
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      runCall(engine, call.method, call.args).then(call.resolve, call.reject);
    }
    this.channel.close();
  }

  close(): void {
    for (const call of this.pending.values()) call.reject(new Error('Sync has stopped'));
    this.pending.clear();
    this.channel.close();
  }

  private post(id: string): void {
    const call = this.pending.get(id);
    if (call)
      this.channel.postMessage({ kind: 'call', id, method: call.method, args: call.args } satisfies Message);
  }

  private heard(msg: Message | undefined): void {
    if (msg?.kind === 'leader-ready') for (const id of this.pending.keys()) this.post(id);
    if (msg?.kind !== 'answer') return;
    const call = this.pending.get(msg.id);
    if (!call) return; // another follower's call
    this.pending.delete(msg.id);
    if (msg.ok) call.resolve(msg.value);
    else call.reject(fromWire(msg.error));
  }
}

function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: WireError['fields'] = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      fields[key] = value as string | number | boolean | null;
  }
  return { name: error.name, message: error.message, fields };
}

function fromWire(wire: WireError): Error {
  const error = Object.assign(new Error(wire.message), wire.fields);
  error.name = wire.name;
  return error;
}
