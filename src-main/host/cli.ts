import { parseHostArgs, USAGE, type HostCommand } from './cli-args.js';
import { isLoopback } from './local-names.js';
import { startHost, type StartHostOptions } from './start-host.js';
import { readToken } from './token-source.js';
import { REPO_ROOT } from './version.js';

function parseOrExit(): Exclude<HostCommand, { help: true }> {
  let command: HostCommand;
  try {
    command = parseHostArgs(process.argv.slice(2), process.cwd(), REPO_ROOT, process.env);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.help) {
    console.log(USAGE);
    process.exit(0);
  }
  // Read once; the host's own children (git, …) have no use for them.
  delete process.env.TETHER_TOKEN;
  delete process.env.TETHER_BRIDGE_KEY;
  return command;
}

/** `npm run host`: the headless host. Prints exactly one line when ready (scripts and tests wait for it). */
async function main(): Promise<void> {
  const command = parseOrExit();
  const opts: StartHostOptions = { ...command.options };
  if (command.signIn) {
    opts.signIn = { serverUrl: command.signIn.serverUrl, token: await readToken(command.signIn.token) };
  }
  if (opts.allowRemote && opts.host && !isLoopback(opts.host)) {
    console.error(
      `Warning: --allow-remote: Tether listens on ${opts.host}, so other machines can reach it over plain HTTP. Anyone with the printed address (it holds this launch's key) can act as you.`,
    );
  }
  const host = await startHost(opts);
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Before the ready line: whoever waits for it may stop the host at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  for (const notice of host.notices) console.error(notice); // stdout keeps its one ready line
  console.log(`Tether is running at ${host.url}`);
}

main().catch((err: unknown) => {
  console.error(`Tether host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
