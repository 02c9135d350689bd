/**
 * The soak's killers: while a round runs, each client's host and the server
 * are killed with SIGKILL at random moments and started again. stop() waits
 * until every victim is back up, so the round can settle.
 */
import type { FaultProxy } from '../../src-server/testing/fault-proxy.js';
import type { SoakClient, SoakServer } from './cluster.js';

export interface KillCounts {
  hosts: number;
  server: number;
}

export interface ChaosTiming {
  /** A host lives this long (ms, uniform) before its next kill. */
  hostUpMs: [number, number];
  serverUpMs: [number, number];
  /** The chance that a restarting host is killed (again) before it is ready, and when. */
  killWhileStarting: number;
  startingMs: [number, number];
}

export function startChaos(opts: {
  clients: readonly SoakClient[];
  server: SoakServer;
  proxy: FaultProxy;
  random: () => number;
  timing: ChaosTiming;
  kills: KillCounts;
}): { stop(): Promise<void> } {
  let running = true;
  // Sleeps that stop() cuts short, so the loops end at once.
  const sleeping = new Set<() => void>();
  const sleep = (range: [number, number]) =>
    new Promise<void>((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        sleeping.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, range[0] + Math.floor(opts.random() * (range[1] - range[0])));
      sleeping.add(wakeUp);
    });

  const hostLoop = async (client: SoakClient) => {
    while (running) {
      await sleep(opts.timing.hostUpMs);
      if (!running) return;
      if (await client.killHost()) opts.kills.hosts += 1;
      while (running && opts.random() < opts.timing.killWhileStarting) {
        // A crash while the host is still starting (reading its identity and credentials), maybe again.
        client.spawnHost();
        await sleep(opts.timing.startingMs);
        if (await client.killHost()) opts.kills.hosts += 1;
      }
      await client.restartHost();
    }
  };
  const serverLoop = async () => {
    while (running) {
      await sleep(opts.timing.serverUpMs);
      if (!running) return;
      await opts.server.kill('SIGKILL');
      opts.kills.server += 1;
      await opts.server.start();
      opts.proxy.setTarget(opts.server.port);
    }
  };
  const loops = [...opts.clients.map(hostLoop), serverLoop()];
  return {
    async stop() {
      running = false;
      for (const wakeUp of [...sleeping]) wakeUp();
      await Promise.all(loops);
    },
  };
}
