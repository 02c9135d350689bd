import { z } from 'zod';
import { SaveFileRequestSchema, SaveFileResultSchema } from './files.js';
import {
  ApprovalDecisionRequestSchema,
  ApprovalDetailResponseSchema,
  ApprovalDiffResponseSchema,
  ApprovalParamsSchema,
  ApprovalResponseSchema,
  NamespaceOwnersParamsSchema,
  NamespaceResponseSchema,
  PullApprovalsQuerySchema,
  PullApprovalsResponseSchema,
  ReviseApprovalRequestSchema,
  SubmitApprovalRequestSchema,
  UpdateOwnersRequestSchema,
  BranchStateResponseSchema,
  HeadsQuerySchema,
  HeadsResponseSchema,
  ItemHistoryQuerySchema,
  OpsDigestQuerySchema,
  OpsDigestResponseSchema,
  MeResponseSchema,
  PullBranchesResponseSchema,
  PullNamespacesResponseSchema,
  PullOpsQuerySchema,
  PullOpsResponseSchema,
  PullQuerySchema,
  PushBranchesRequestSchema,
  PushBranchesResponseSchema,
  PushOpsRequestSchema,
  PushOpsResponseSchema,
  UpdateCollaboratorsRequestSchema,
} from '../sync-protocol/index.js';
import {
  ConnectionCredentialsSchema,
  ConnectionInfoSchema,
  ConnectionTestResultSchema,
  RemoteBranchParamsSchema,
  RemoteChangedSchema,
} from './connection.js';
import { AppStatusSchema, LocalStatusSchema } from './status.js';
import { LogReportSchema } from './log.js';
import { gitBridgeEvents, gitBridgeMethods } from './git.js';
import { linkBridgeMethods } from './links.js';
import { linkPushBridgeMethods } from './link-push.js';
import { releaseBridgeMethods } from './releases.js';
import {
  NativeNotificationSchema,
  NetworkReportSchema,
  NotificationActionSchema,
  SyncSettingsSchema,
  SyncStrategyPatchSchema,
  TravelRequestSchema,
} from './sync-settings.js';

/**
 * The one typed contract between the renderer and main. Both transports
 * (Electron IPC and the headless host's WebSocket) carry exactly these
 * methods and events; params are validated on main's side before a handler
 * runs, so a bad call changes nothing.
 */

export const AppInfoSchema = z.object({
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  instanceId: z.string(),
  userName: z.string(),
  dataDir: z.string(),
  /** Where main's rotating log files are (Help → Open Logs; Settings → About in a browser). */
  logsDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Commands that come from outside the page: the app menu, the tray, global shortcuts. */
export const MenuCommandSchema = z.enum([
  'item.new',
  'namespace.new',
  'branch.new',
  'branch.switch',
  'theme.toggle',
  'settings.open',
  'search.focus',
  // Tray / app menu: sync the current branch now; open the travel mode dialog (turning it on asks first).
  'sync.now',
  'travel.open',
  // A click on a native notification: show what it was about.
  'status.details',
  // The outbox: the queue view (status bar, menu, Mod+Shift+Q).
  'queue.open',
]);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

export const bridgeMethods = {
  'app.getInfo': method(z.undefined(), AppInfoSchema),
  'status.get': method(z.undefined(), AppStatusSchema),
  'status.report': method(LocalStatusSchema, z.undefined()),
  // The server connection: main tests, stores and forgets the credentials.
  'connection.get': method(z.undefined(), ConnectionInfoSchema),
  'connection.test': method(ConnectionCredentialsSchema, ConnectionTestResultSchema),
  'connection.set': method(ConnectionCredentialsSchema, ConnectionInfoSchema),
  'connection.signOut': method(z.undefined(), ConnectionInfoSchema),
  // RemoteApi (src-shared/sync/remote-api.ts) 1:1, carried out by main's remote client.
  'remote.me': method(z.undefined(), MeResponseSchema),
  'remote.pushOps': method(PushOpsRequestSchema, PushOpsResponseSchema),
  'remote.pullOps': method(PullOpsQuerySchema, PullOpsResponseSchema),
  'remote.heads': method(HeadsQuerySchema, HeadsResponseSchema),
  'remote.itemHistory': method(ItemHistoryQuerySchema, PullOpsResponseSchema),
  'remote.opsDigest': method(OpsDigestQuerySchema, OpsDigestResponseSchema),
  'remote.pushBranches': method(PushBranchesRequestSchema, PushBranchesResponseSchema),
  'remote.pullBranches': method(PullQuerySchema, PullBranchesResponseSchema),
  'remote.mergeBranch': method(RemoteBranchParamsSchema, BranchStateResponseSchema),
  'remote.abandonBranch': method(RemoteBranchParamsSchema, BranchStateResponseSchema),
  'remote.updateCollaborators': method(
    RemoteBranchParamsSchema.extend({ request: UpdateCollaboratorsRequestSchema }),
    BranchStateResponseSchema,
  ),
  'remote.pullNamespaces': method(PullQuerySchema, PullNamespacesResponseSchema),
  // ApprovalsApi (src-shared/sync/approvals-api.ts) 1:1: approval requests and co-owners.
  'remote.submitApproval': method(SubmitApprovalRequestSchema, ApprovalResponseSchema),
  'remote.reviseApproval': method(
    ApprovalParamsSchema.extend({ request: ReviseApprovalRequestSchema }),
    ApprovalResponseSchema,
  ),
  'remote.decideApproval': method(
    ApprovalParamsSchema.extend({ request: ApprovalDecisionRequestSchema }),
    ApprovalResponseSchema,
  ),
  'remote.pullApprovals': method(PullApprovalsQuerySchema, PullApprovalsResponseSchema),
  'remote.getApproval': method(ApprovalParamsSchema, ApprovalDetailResponseSchema),
  'remote.approvalDiff': method(ApprovalParamsSchema, ApprovalDiffResponseSchema),
  'remote.updateOwners': method(
    NamespaceOwnersParamsSchema.extend({ request: UpdateOwnersRequestSchema }),
    NamespaceResponseSchema,
  ),
  // Sync strategy and travel mode: main persists them and stops all network use in travel mode.
  'sync.getSettings': method(z.undefined(), SyncSettingsSchema),
  'sync.setStrategy': method(SyncStrategyPatchSchema, SyncSettingsSchema),
  'travel.set': method(TravelRequestSchema, SyncSettingsSchema),
  // The page's navigator.onLine, one of main's OS signals for the online/offline decision.
  'network.report': method(NetworkReportSchema, z.undefined()),
  // Native notifications (Electron only; browser mode shows in-app toasts).
  'notify.show': method(NativeNotificationSchema, z.undefined()),
  // Saves a file the user keeps (exported local work): a save dialog in Electron, the exports folder otherwise.
  'file.save': method(SaveFileRequestSchema, SaveFileResultSchema),
  // An error or warning from the page, written to main's log file (bounded in size and rate).
  'log.report': method(LogReportSchema, z.undefined()),
  // The folder mirror and git sync (src-shared/bridge/git.ts).
  ...gitBridgeMethods,
  // Releases and proofs (src-shared/bridge/releases.ts).
  ...releaseBridgeMethods,
  // Linked namespaces (src-shared/bridge/links.ts).
  ...linkBridgeMethods,
  // Pushing linked namespaces upstream, forge tokens (src-shared/bridge/link-push.ts).
  ...linkPushBridgeMethods,
} as const;

export const bridgeEvents = {
  'status.changed': AppStatusSchema,
  'menu.command': MenuCommandSchema,
  'remote.changed': RemoteChangedSchema,
  'connection.changed': ConnectionInfoSchema,
  'sync.settingsChanged': SyncSettingsSchema,
  'notify.action': NotificationActionSchema,
  ...gitBridgeEvents,
} as const;

export type MethodName = keyof typeof bridgeMethods;
export type EventName = keyof typeof bridgeEvents;
export type MethodParams<M extends MethodName> = z.input<(typeof bridgeMethods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<(typeof bridgeMethods)[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof bridgeEvents)[E]>;

/** An error that crossed the bridge: a code to branch on and a message for people. */
export const BridgeErrorSchema = z.object({
  code: z.enum(['bad_request', 'not_found', 'unauthorized', 'forbidden', 'offline', 'conflict', 'internal']),
  message: z.string(),
  retryable: z.boolean(),
  /** The op a server refusal is about (a refusal of one op, not of the account or the batch). */
  opId: z.string().optional(),
  /** How long the server asked us to wait before trying again (a 429's Retry-After), in ms. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type BridgeErrorShape = z.infer<typeof BridgeErrorSchema>;

export class BridgeError extends Error implements BridgeErrorShape {
  readonly code: BridgeErrorShape['code'];
  readonly retryable: boolean;
  readonly opId?: string;
  readonly retryAfterMs?: number;
  constructor(shape: BridgeErrorShape) {
    super(shape.message);
    this.name = 'BridgeError';
    this.code = shape.code;
    this.retryable = shape.retryable;
    if (shape.opId !== undefined) this.opId = shape.opId;
    if (shape.retryAfterMs !== undefined) this.retryAfterMs = shape.retryAfterMs;
  }
  toJSON(): BridgeErrorShape {
    const { opId, retryAfterMs } = this;
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(opId === undefined ? {} : { opId }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
}

/** What the renderer holds: the same shape over either transport. */
export interface Bridge {
  call<M extends MethodName>(method: M, ...params: OptionalParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
type OptionalParams<M extends MethodName> =
  undefined extends MethodParams<M> ? [] | [MethodParams<M>] : [MethodParams<M>];

/** Main's side: one handler per method, combined from per-domain maps. */
export type Handlers = {
  [M in MethodName]: (params: z.output<(typeof bridgeMethods)[M]['params']>) => Promise<MethodResult<M>>;
};
export type HandlerMap<K extends MethodName> = Pick<Handlers, K>;

/** Main's way to push an event to every connected renderer. */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
