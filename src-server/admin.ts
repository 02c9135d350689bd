import { parseArgs } from 'node:util';
import { OpStatusSchema } from '../src-shared/model/index.js';
import { ApprovalStateSchema } from '../src-shared/sync-protocol/index.js';
import type { AdminApi } from './admin/admin-api.js';
import { storeAdmin } from './admin/admin-api.js';
import { httpAdmin } from './admin/admin-client.js';
import { FolderInUseError } from './db/folder-lock.js';
import { DEFAULT_DATA_DIR, openStore } from './db/open.js';
import { ApiError } from './errors.js';

const USAGE = `Usage: npm run admin -- <command> [args] [--data-dir DIR | --server URL]

Commands:
  create-user NAME                    add a user
  suspend-user NAME                   block a user's tokens (403 "Account suspended")
  unsuspend-user NAME
  issue-token NAME                    print a new token for NAME (shown once)
  revoke-token TOKEN_ID               revoke one token
  revoke-token --all NAME             revoke every token of NAME
  list-tokens NAME
  set-owners NAMESPACE NAME[,NAME…]   replace a namespace's owners ("" for none)
  list-namespaces
  set-op-status OP_ID approved|pending|rejected
  list-approvals [submitted|approved|rejected]   approval requests, newest change first

Store: --server URL talks to a running server (needs TETHER_ADMIN_TOKEN, the
same value the server was started with). Otherwise the store is opened
directly: PostgreSQL when DATABASE_URL (or --database-url) is set, else the
embedded PGlite folder (--data-dir, default ${DEFAULT_DATA_DIR}), which only
works while no server is using that folder.`;

type Command = (admin: AdminApi, args: string[], all: boolean) => Promise<string>;

const need = (args: string[], count: number, usage: string): string[] => {
  if (args.length !== count) throw new UsageError(`Usage: npm run admin -- ${usage}`);
  return args;
};

class UsageError extends Error {}

const commands: Record<string, Command> = {
  'create-user': async (admin, args) => {
    const [name] = need(args, 1, 'create-user NAME');
    return `Created user ${(await admin.createUser(name as string)).name}`;
  },
  'suspend-user': async (admin, args) => {
    const [name] = need(args, 1, 'suspend-user NAME');
    return `Suspended ${(await admin.suspendUser(name as string)).name}`;
  },
  'unsuspend-user': async (admin, args) => {
    const [name] = need(args, 1, 'unsuspend-user NAME');
    return `Unsuspended ${(await admin.unsuspendUser(name as string)).name}`;
  },
  'issue-token': async (admin, args) => {
    const [name] = need(args, 1, 'issue-token NAME');
    const issued = await admin.issueToken(name as string);
    return [
      `Token ${issued.tokenId} for ${issued.user} (shown once; only its hash is stored):`,
      issued.token,
    ].join('\n');
  },
  'revoke-token': async (admin, args, all) => {
    if (all) {
      const [name] = need(args, 1, 'revoke-token --all NAME');
      return `Revoked ${await admin.revokeAllTokens(name as string)} token(s) of ${name}`;
    }
    const [id] = need(args, 1, 'revoke-token TOKEN_ID | --all NAME');
    await admin.revokeToken(id as string);
    return `Revoked ${id}`;
  },
  'list-tokens': async (admin, args) => {
    const [name] = need(args, 1, 'list-tokens NAME');
    const tokens = await admin.listTokens(name as string);
    if (tokens.length === 0) return `${name} has no tokens`;
    return tokens
      .map(
        (t) =>
          `${t.id}  created ${iso(t.createdAt)}  ${t.revokedAt ? `revoked ${iso(t.revokedAt)}` : 'active'}`,
      )
      .join('\n');
  },
  'set-owners': async (admin, args) => {
    const [namespace, names] = need(args, 2, 'set-owners NAMESPACE NAME[,NAME…]');
    const owners = (names as string)
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const result = await admin.setOwners(namespace as string, owners);
    return `${result.path} is owned by ${result.owners.join(', ') || 'nobody'}`;
  },
  'list-namespaces': async (admin) => {
    const namespaces = await admin.listNamespaces();
    if (namespaces.length === 0) return 'No namespaces have owners yet';
    return namespaces.map((ns) => `${ns.path}  owners: ${ns.owners.join(', ') || 'nobody'}`).join('\n');
  },
  'set-op-status': async (admin, args) => {
    const [id, status] = need(args, 2, 'set-op-status OP_ID approved|pending|rejected');
    const parsed = OpStatusSchema.safeParse(status);
    if (!parsed.success)
      throw new UsageError(`Status must be approved, pending or rejected, not '${status}'`);
    const result = await admin.setOpStatus(id as string, parsed.data);
    return `Op ${result.id} is ${result.status}`;
  },
  'list-approvals': async (admin, args) => {
    if (args.length > 1) throw new UsageError('Usage: npm run admin -- list-approvals [STATE]');
    const state = args[0] === undefined ? undefined : ApprovalStateSchema.safeParse(args[0]);
    if (state && !state.success) {
      throw new UsageError(`State must be submitted, approved or rejected, not '${args[0]}'`);
    }
    const requests = await admin.listApprovals(state?.data);
    if (requests.length === 0) return 'No approval requests';
    return requests
      .map(
        (r) => `${r.id}  ${r.state}  ${r.namespace}  by ${r.author}  ${r.opIds.length} op(s)  "${r.title}"`,
      )
      .join('\n');
  },
};

const iso = (ms: number) => new Date(ms).toISOString();

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      server: { type: 'string' },
      all: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [name, ...args] = positionals;
  const command = name ? commands[name] : undefined;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(name ? `Unknown command '${name}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  if (values.server) {
    const token = process.env.TETHER_ADMIN_TOKEN;
    if (!token)
      throw new UsageError('--server needs TETHER_ADMIN_TOKEN (the token the server was started with)');
    console.log(await command(httpAdmin(values.server, token), args, values.all ?? false));
    return 0;
  }
  const db = await openStore({
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? undefined,
    dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
  });
  try {
    console.log(await command(storeAdmin(db), args, values.all ?? false));
  } finally {
    await db.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof FolderInUseError) {
      console.error(
        `${err.message}: stop the server or use PostgreSQL (or run with --server URL and TETHER_ADMIN_TOKEN).`,
      );
    } else if (err instanceof ApiError || err instanceof UsageError) {
      console.error(err.message);
    } else {
      console.error(`Admin command failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
