import { z } from 'zod';
import { IdSchema } from '../model/index.js';
import { ChangeTopicSchema } from '../sync-protocol/index.js';
import { parseServerAddress } from './server-address.js';

/**
 * The server connection as the renderer may see it: never the token. Main
 * alone holds credentials (invariant 4); the renderer learns only who is
 * signed in where, and whether the server answers.
 */
export const ConnectionStateSchema = z.enum(['none', 'online', 'offline', 'unauthorized', 'forbidden']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const ConnectionInfoSchema = z.object({
  serverUrl: z.string().nullable(),
  userName: z.string().nullable(),
  state: ConnectionStateSchema,
  lastError: z.string().nullable(),
  /** When main last heard from the server (ms since the epoch), null before the first answer. */
  checkedAt: z.number().int().nullable(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfoSchema>;

/** What the user typed on the connection screen. The token is only ever sent, never returned. */
export const ConnectionCredentialsSchema = z.object({
  /** As typed (`127.0.0.1:8787` is fine); main receives the URL it stands for. */
  serverUrl: z.string().transform((typed, ctx) => {
    const address = parseServerAddress(typed);
    if (address.ok) return address.url;
    ctx.addIssue({ code: 'custom', message: address.problem });
    return z.NEVER;
  }),
  token: z.string().trim().min(1, 'Enter your access token').max(4096, 'The token is too long'),
});
export type ConnectionCredentials = z.infer<typeof ConnectionCredentialsSchema>;

export const ConnectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), userName: z.string(), serverTime: z.number().int() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

/** `remote.mergeBranch` / `remote.abandonBranch` params. */
export const RemoteBranchParamsSchema = z.object({ branchId: IdSchema });

/**
 * Pushed when the server's live stream says something changed — and once
 * after every (re)connect of the stream, since changes made while it was
 * down were never announced; the renderer's replication pulls on it.
 */
export const RemoteChangedSchema = z.object({
  changeSeq: z.number().int().nonnegative(),
  topics: z.array(ChangeTopicSchema),
});
export type RemoteChanged = z.infer<typeof RemoteChangedSchema>;
