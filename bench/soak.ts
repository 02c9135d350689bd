/**
 * `npm run soak`: several clients (real host processes, each with its own
 * data folder, and a driver for the renderer side) edit through the fault
 * proxy while hosts and the server are killed with SIGKILL and restarted at
 * random moments. Each round ends by syncing everyone and checking the
 * replicas; the totals go to the terminal and to bench/reliability.json.
 * Loopback only; stops by itself (a hard stop well inside 10 minutes).
 *
 *   npm run soak -- [--duration 480] [--clients 4] [--round 45] [--seed N] [--backend pglite|postgres] [--out FILE]
 */
import './node-tabs.js'; // first: before any database opens
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src-server/db/open.js';
import { createTestDatabase, type Scratch } from '../src-server/testing/harness.js';
import { seededRandom, type FaultProxy } from '../src-server/testing/fault-proxy.js';
import { judgeReplicas, type ReplicaState } from './reliability-checks.js';
import { startChaos, type KillCounts } from './soak/chaos.js';
import { SoakServer, startClient, startProxy, type SoakClient, type Store } from './soak/cluster.js';
import { parseJournal } from './soak/protocol.js';
import { serverOpIdsOverHttp } from './soak/server-ops.js';

const HARD_LIMIT_S = 570; // the promise: done within 10 minutes, whatever happens
/** The network faults of every round (the clients sign in on a clean one). */
const FAULTS = { drop: 0.03, delay: 0.1, maxDelayMs: 60, resetRequest: 0.02, resetResponse: 0.04 };
const DEFAULT_OUT = path.join(import.meta.dirname, 'reliability.json');

interface Options {
  durationS: number;
  clients: number;
  seed: number;
  backend: 'pglite' | 'postgres';
  roundS: number;
  /** Where the JSON result goes. */
  out: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '480' },
      clients: { type: 'string', default: '4' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      backend: { type: 'string', default: 'pglite' },
      round: { type: 'string', default: '45' },
      out: { type: 'string', default: DEFAULT_OUT },
    },
  });
  const durationS = Number(values.duration);
  const clients = Number(values.clients);
  if (!(durationS >= 30 && durationS <= 500)) throw new Error('--duration is 30–500 seconds');
  if (!(Number.isInteger(clients) && clients >= 2 && clients <= 6)) throw new Error('--clients is 2–6');
  if (values.backend !== 'pglite' && values.backend !== 'postgres')
    throw new Error('--backend is pglite or postgres');
  return {
    durationS,
    clients,
    seed: Number(values.seed),
    backend: values.backend,
    roundS: Math.max(10, Number(values.round)),
    out: path.resolve(values.out),
  };
}

interface RoundResult {
  round: number;
  converged: boolean;
  lost: number;
  duplicated: number;
  ops: number;
  settleS: number;
  /** Ranges anti-entropy repaired on all clients so far (expected 0). */
  repairs: number;
  note?: string;
}

async function main(): Promise<void> {
  const opts = options();
  const started = Date.now();
  const hardStop = setTimeout(() => {
    console.error(`soak: hard stop after ${HARD_LIMIT_S} s`);
    process.exit(3);
  }, HARD_LIMIT_S * 1000);
  hardStop.unref();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tether-soak-'));
  let pgScratch: Scratch | null = null;
  const store: Store =
    opts.backend === 'postgres'
      ? { args: [], env: { DATABASE_URL: (pgScratch = await createTestDatabase()).location } }
      : { args: ['--data-dir', path.join(workDir, 'server')], env: {} };
  const server = new SoakServer(store);
  await server.start();
  const users = Array.from({ length: opts.clients }, (_, i) => `user${i + 1}`);
  // One more joins after the first round with a fresh profile: heads first, then history pages.
  const lateUser = `user${opts.clients + 1}`;
  const tokens = await server.users([...users, lateUser]);
  // A clean network while the clients sign in; the faults start with the first round.
  const proxy = await startProxy(server, opts.seed, {});
  const clients: SoakClient[] = await Promise.all(
    users.map((user, index) =>
      startClient({
        user,
        index,
        token: tokens.get(user) ?? '',
        proxyUrl: proxy.url,
        workDir,
        seed: opts.seed,
      }),
    ),
  );
  console.log(
    `soak: ${opts.clients} clients on ${opts.backend}, seed ${opts.seed}, ${opts.durationS} s, ` +
      `ready after ${Math.round((Date.now() - started) / 1000)} s, work in ${workDir}`,
  );

  proxy.setRates(FAULTS);
  const kills: KillCounts = { hosts: 0, server: 0 };
  const left = () => opts.durationS - (Date.now() - started) / 1000;
  const join = async () => {
    // Signed in on a clean network, as the first clients were; the faults come back for its rounds.
    proxy.setRates({ drop: 0, delay: 0, resetRequest: 0, resetResponse: 0 });
    const late = await startClient({
      user: lateUser,
      index: opts.clients,
      token: tokens.get(lateUser) ?? '',
      proxyUrl: proxy.url,
      workDir,
      seed: opts.seed,
    });
    proxy.setRates(FAULTS);
    return late;
  };
  const rounds = await runRounds(
    opts,
    { clients, server, proxy, kills, token: tokens.get(users[0] as string) ?? '', join },
    left,
  );

  // The end: stop everything cleanly, then read the store itself for duplicate rows.
  const journals = clients.map((c) => parseJournal(readText(c.journalPath)));
  const replicas = await Promise.all(clients.map((c) => replicaOf(c)));
  const writes = replicas.reduce((n, r) => n + r.writes, 0);
  for (const client of clients) await client.stop();
  await server.kill('SIGTERM');
  await proxy.close();
  const serverIds = await storeOpIds(
    opts.backend === 'postgres'
      ? { databaseUrl: pgScratch?.location }
      : { dataDir: path.join(workDir, 'server') },
  );
  const created = new Set(journals.flatMap((j) => [...j.created]));
  const acked = new Set(journals.flatMap((j) => [...j.acked]));
  const verdict = judgeReplicas(
    created,
    serverIds,
    replicas.map((r) => r.replica),
  );
  const result = {
    finishedAt: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    backend: opts.backend,
    clients: clients.length,
    joinedLate: clients.length - opts.clients,
    seed: opts.seed,
    rounds: rounds.length,
    kills: kills.hosts + kills.server,
    hostKills: kills.hosts,
    serverKills: kills.server,
    faultsInjected: proxy.counts().total,
    faults: proxy.counts(),
    writes,
    opsCreated: created.size,
    opsAcknowledged: acked.size,
    opsOnServer: serverIds.length,
    opsLost: verdict.lost.length,
    opsDuplicated: verdict.duplicated.length,
    // Anti-entropy: ranges repaired on any client during the run (expected 0), and whether every
    // client's last comparison with the server got through.
    repairs: replicas.reduce((n, r) => n + r.repairs, 0),
    antiEntropyChecked: replicas.every((r) => r.antiEntropyChecked),
    replicasConverged: rounds.length > 0 && verdict.converged && rounds.every((r) => r.converged),
    roundResults: rounds,
    ...(verdict.differences.length ? { differences: verdict.differences } : {}),
    ...(verdict.lost.length ? { lostSample: verdict.lost.slice(0, 20) } : {}),
  };
  fs.writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
  printTable(result, opts.out);
  await pgScratch?.remove();
  fs.rmSync(workDir, { recursive: true, force: true });
  clearTimeout(hardStop);
  const ok = result.opsLost === 0 && result.opsDuplicated === 0 && result.replicasConverged;
  process.exit(ok ? 0 : 1);
}

/** Rounds of editing under kills and faults, each ending with a settle and a check, while time is left. */
async function runRounds(
  opts: Options,
  cluster: {
    clients: SoakClient[];
    server: SoakServer;
    proxy: FaultProxy;
    kills: KillCounts;
    token: string;
    /** Starts the client that joins after the first round (a fresh profile: heads, then history pages). */
    join: () => Promise<SoakClient>;
  },
  left: () => number,
): Promise<RoundResult[]> {
  const { clients, server, proxy, kills, token, join } = cluster;
  const random = seededRandom(opts.seed * 7 + 1);
  const rounds: RoundResult[] = [];
  // Room after the last round: settling (at most 90 s, usually 10–25) and a clean stop.
  const reserveS = 45;
  while (left() > opts.roundS / 2 + reserveS) {
    const chaos = startChaos({
      clients,
      server,
      proxy,
      random,
      kills,
      timing: {
        hostUpMs: [100, 1_200],
        // An embedded store takes seconds to recover and start; a server on PostgreSQL restarts quickly.
        serverUpMs: opts.backend === 'pglite' ? [5_000, 12_000] : [1_500, 5_000],
        killWhileStarting: 0.6,
        startingMs: [30, 1_000],
      },
    });
    await Promise.all(clients.map((c) => c.request({ type: 'edit', on: true }, 'ready')));
    await new Promise((resolve) => setTimeout(resolve, Math.min(opts.roundS, left() - reserveS) * 1000));
    await Promise.all(clients.map((c) => c.request({ type: 'edit', on: false }, 'ready')));
    await chaos.stop();
    rounds.push(await checkRound(rounds.length + 1, clients, server, token));
    const r = rounds.at(-1) as RoundResult;
    console.log(
      `round ${r.round}: ${r.ops} ops, kills so far ${kills.hosts + kills.server}, faults ${proxy.counts().total}, ` +
        `settled in ${r.settleS} s, lost ${r.lost}, duplicated ${r.duplicated}, converged ${r.converged}${r.note ? ` (${r.note})` : ''}`,
    );
    if (rounds.length === 1 && left() > opts.roundS / 2 + reserveS) {
      clients.push(await join());
      console.log(`${clients.at(-1)?.user ?? ''} joined with a fresh profile`);
    }
  }

  return rounds;
}

/** Syncs every client until all are settled (faults still on), then judges the replicas. */
async function checkRound(
  round: number,
  clients: readonly SoakClient[],
  server: SoakServer,
  token: string,
): Promise<RoundResult> {
  const start = Date.now();
  let note: string | undefined;
  for (;;) {
    const answers = await Promise.all(clients.map((c) => c.request({ type: 'settle' }, 'settled')));
    const serverCount = (await serverOpIdsOverHttp(server.url, token)).length;
    if (answers.every((a) => a.ok && a.opCount === serverCount)) break;
    if (Date.now() - start > 90_000) {
      note = `not settled after 90 s: ${answers.map((a) => `${a.opCount}/${serverCount} (${a.unacked} unacked)`).join(', ')}`;
      break;
    }
  }
  const settleS = Math.round((Date.now() - start) / 100) / 10;
  const serverIds = await serverOpIdsOverHttp(server.url, token);
  const created = new Set(clients.flatMap((c) => [...parseJournal(readText(c.journalPath)).created]));
  const reports = await Promise.all(clients.map((c) => replicaOf(c)));
  const replicas = reports.map((r) => r.replica);
  const verdict = judgeReplicas(created, serverIds, replicas);
  return {
    round,
    converged: verdict.converged && note === undefined,
    lost: verdict.lost.length,
    duplicated: verdict.duplicated.length,
    ops: serverIds.length,
    settleS,
    repairs: reports.reduce((n, r) => n + r.repairs, 0),
    ...(note || verdict.differences.length ? { note: note ?? verdict.differences.join('; ') } : {}),
  };
}

async function replicaOf(
  client: SoakClient,
): Promise<{ replica: ReplicaState; writes: number; repairs: number; antiEntropyChecked: boolean }> {
  const report = await client.request({ type: 'report' }, 'report');
  return {
    replica: { name: client.user, opIds: report.opIds, view: report.view },
    writes: report.writes,
    repairs: report.repairs,
    antiEntropyChecked: report.antiEntropyChecked,
  };
}

/** Every row of the ops table, read from the store itself (the server is stopped). */
async function storeOpIds(store: { dataDir?: string; databaseUrl?: string }): Promise<string[]> {
  const db = await openStore(store);
  try {
    const rows = await db.query<{ id: string }>('SELECT id FROM ops ORDER BY server_seq');
    return rows.map((row) => row.id);
  } finally {
    await db.close();
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function printTable(result: Record<string, unknown>, out: string): void {
  const rows: [string, unknown][] = [
    ['rounds', result.rounds],
    ['clients (joined late)', `${String(result.clients)} (${String(result.joinedLate)})`],
    [
      'kills (hosts + server)',
      `${String(result.kills)} (${String(result.hostKills)} + ${String(result.serverKills)})`,
    ],
    ['faults injected', result.faultsInjected],
    ['ops created', result.opsCreated],
    ['ops acknowledged', result.opsAcknowledged],
    ['ops lost', result.opsLost],
    ['ops duplicated', result.opsDuplicated],
    ['ranges repaired by anti-entropy', result.repairs],
    ['replicas converged', result.replicasConverged],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nTether soak');
  for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${String(value)}`);
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

main().catch((err: unknown) => {
  console.error(`soak failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(2);
});
