import { parseHostArgs, USAGE } from './cli-args.js';
import { startHost } from './start-host.js';
import { REPO_ROOT } from './version.js';

/** `npm run host`: the headless host. Prints exactly one line when ready (scripts and tests wait for it). */
async function main(): Promise<void> {
  let opts;
  try {
    opts = parseHostArgs(process.argv.slice(2), process.cwd(), REPO_ROOT);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const host = await startHost(opts);
  for (const notice of host.notices) console.error(notice); // stdout keeps its one ready line
  console.log(`Tether is running at ${host.url}`);
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Tether host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
