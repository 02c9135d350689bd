import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * Test support: a loopback TCP proxy between clients and the sync server that
 * injects network faults. It works on bytes, below HTTP, so it can cut a
 * connection anywhere: before the request arrives, in the middle of a request
 * body, after the server stored a push but before the answer got back, in
 * the middle of a JSON answer or of a live (SSE) stream. Every decision comes
 * from a seeded generator, so a failing run can be replayed with its seed.
 */

export interface FaultRates {
  /** A new connection is closed at once (the client sees a reset / refused request). */
  drop: number;
  /** A chunk (either way) is held back for up to maxDelayMs before it is passed on. */
  delay: number;
  maxDelayMs: number;
  /** A client→server chunk is cut part way and the connection reset (request never completes). */
  resetRequest: number;
  /** A server→client chunk is cut part way and the connection reset (answer or stream cut off). */
  resetResponse: number;
}

export const NO_FAULTS: FaultRates = { drop: 0, delay: 0, maxDelayMs: 0, resetRequest: 0, resetResponse: 0 };

export interface FaultCounts {
  connections: number;
  dropped: number;
  delayed: number;
  resetMidRequest: number;
  resetMidResponse: number;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port>: give this to clients instead of the server's URL. */
  readonly url: string;
  readonly port: number;
  /** Where connections go; change it when the server comes back on another port. */
  setTarget(port: number): void;
  setRates(rates: Partial<FaultRates>): void;
  /** Faults injected so far (drops + delays + resets). */
  counts(): FaultCounts & { total: number };
  /** Resets every open connection now (a network blip), counted as response resets. */
  cutAll(): void;
  close(): Promise<void>;
}

/** mulberry32: a small, fast, seedable generator; good enough to pick faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(opts: {
  targetPort: number;
  seed: number;
  rates?: Partial<FaultRates>;
  /** Listen on this port (0 = any free one). */
  port?: number;
}): Promise<FaultProxy> {
  const random = seededRandom(opts.seed);
  let rates: FaultRates = { ...NO_FAULTS, ...opts.rates };
  let targetPort = opts.targetPort;
  const counts: FaultCounts = {
    connections: 0,
    dropped: 0,
    delayed: 0,
    resetMidRequest: 0,
    resetMidResponse: 0,
  };
  const open = new Set<Socket>();
  const clients = new Set<Socket>();
  const roll = (p: number) => p > 0 && random() < p;

  const server = net.createServer((client) => {
    counts.connections += 1;
    if (roll(rates.drop)) {
      counts.dropped += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    open.add(client);
    open.add(upstream);
    clients.add(client);
    const closeBoth = () => {
      clients.delete(client);
      open.delete(client);
      open.delete(upstream);
      if (!client.destroyed) client.resetAndDestroy();
      if (!upstream.destroyed) upstream.resetAndDestroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    pump(client, upstream, 'request');
    pump(upstream, client, 'response');
  });

  /** Passes chunks from one side to the other in order, with faults; pauses the reader while a chunk waits. */
  function pump(from: Socket, to: Socket, direction: 'request' | 'response'): void {
    let queue: Promise<void> = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      from.pause();
      queue = queue.then(async () => {
        await forward(chunk, to, direction);
        if (!from.destroyed) from.resume();
      });
    });
    from.on('end', () => void queue.then(() => to.end()));
  }

  async function forward(chunk: Buffer, to: Socket, direction: 'request' | 'response'): Promise<void> {
    if (roll(rates.delay)) {
      counts.delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * rates.maxDelayMs)));
    }
    if (to.destroyed) return;
    const resetRate = direction === 'request' ? rates.resetRequest : rates.resetResponse;
    if (!roll(resetRate)) {
      to.write(chunk);
      return;
    }
    if (direction === 'request') counts.resetMidRequest += 1;
    else counts.resetMidResponse += 1;
    // Part of the chunk goes through, then the connection dies: a cut-off body.
    const cut = Math.floor(random() * chunk.length);
    if (cut > 0) to.write(chunk.subarray(0, cut));
    await new Promise((resolve) => setTimeout(resolve, 5));
    to.resetAndDestroy();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setTarget: (next) => {
      targetPort = next;
    },
    setRates: (next) => {
      rates = { ...rates, ...next };
    },
    counts: () => ({
      ...counts,
      total: counts.dropped + counts.delayed + counts.resetMidRequest + counts.resetMidResponse,
    }),
    cutAll: () => {
      counts.resetMidResponse += clients.size;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
      clients.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        open.clear();
        server.close(() => resolve());
      }),
  };
}
