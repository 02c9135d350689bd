import { z } from 'zod';
import { ReleaseTagsResultSchema, ReleaseTagsSchema } from '../mirror/release-tag.js';
import { IdSchema, ItemKindSchema, ItemPathSchema } from '../model/index.js';

/**
 * The folder mirror and git sync across the bridge. The renderer owns the
 * local database, so it publishes the current branch view's items to main
 * (which writes the files) and turns the file changes main reports into ops.
 */

export const MIRROR_DEBOUNCE_MS = { min: 100, max: 60_000, default: 1_000 } as const;
export const COMMIT_MINUTES = { min: 1, max: 24 * 60, default: 5 } as const;

/** A relative path inside the mirror folder, forward slashes. */
const RelPathSchema = z.string().min(1).max(4096);

export const MirrorSettingsSchema = z.object({
  /** The folder (absolute); null: no mirror. */
  folder: z.string().min(1).max(4096).nullable().default(null),
  /** Level one: keep store and folder in step both ways. */
  autoSync: z.boolean().default(true),
  debounceMs: z
    .number()
    .int()
    .min(MIRROR_DEBOUNCE_MS.min)
    .max(MIRROR_DEBOUNCE_MS.max)
    .default(MIRROR_DEBOUNCE_MS.default),
  /** Level two: git. */
  git: z
    .object({
      enabled: z.boolean().default(false),
      /** off: only "Commit now"; settled: N minutes after the last edit; interval: every N minutes. */
      autoCommit: z.enum(['off', 'settled', 'interval']).default('settled'),
      commitMinutes: z
        .number()
        .int()
        .min(COMMIT_MINUTES.min)
        .max(COMMIT_MINUTES.max)
        .default(COMMIT_MINUTES.default),
      autoPush: z.boolean().default(false),
      remoteUrl: z.string().max(4096).nullable().default(null),
    })
    .default({ enabled: false, autoCommit: 'settled', commitMinutes: 5, autoPush: false, remoteUrl: null }),
});
export type MirrorSettings = z.infer<typeof MirrorSettingsSchema>;
export type MirrorSettingsInput = z.input<typeof MirrorSettingsSchema>;

/** An item as the mirror writes it: its state on the current branch view. */
export const MirrorItemSchema = z.object({
  itemId: IdSchema,
  path: ItemPathSchema,
  kind: ItemKindSchema,
  content: z.string(),
  /** The op whose state this is (the newest head in a conflict). */
  head: IdSchema,
});
export type MirrorItem = z.infer<typeof MirrorItemSchema>;

/** `mirror.publish`: what changed in the view; `full` replaces everything (start, branch switch). */
export const MirrorPublishSchema = z.object({
  branchId: z.string().min(1).max(64),
  full: z.boolean(),
  upserts: z.array(MirrorItemSchema),
  removes: z.array(IdSchema),
});
export type MirrorPublish = z.infer<typeof MirrorPublishSchema>;

/**
 * A change found in the folder (an editor's save, a pull), for the renderer to
 * turn into ops. `base` is the op the file was last written from: when the
 * item changed in the app since, the new op builds on `base` and the item is
 * in conflict, as with any concurrent edit.
 */
export const FolderChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('edit'),
    relPath: RelPathSchema,
    itemId: IdSchema,
    content: z.string(),
    base: IdSchema.nullable(),
  }),
  z.object({
    type: z.literal('create'),
    relPath: RelPathSchema,
    path: ItemPathSchema,
    kind: ItemKindSchema,
    content: z.string(),
  }),
  z.object({
    type: z.literal('delete'),
    relPath: RelPathSchema,
    itemId: IdSchema,
    base: IdSchema.nullable(),
  }),
  z.object({
    type: z.literal('rename'),
    relPath: RelPathSchema,
    from: RelPathSchema,
    itemId: IdSchema,
    path: ItemPathSchema,
    content: z.string(),
    base: IdSchema.nullable(),
  }),
]);
export type FolderChange = z.infer<typeof FolderChangeSchema>;

export const FolderChangesSchema = z.object({
  batchId: z.string().min(1).max(64),
  changes: z.array(FolderChangeSchema),
});
export type FolderChanges = z.infer<typeof FolderChangesSchema>;

/** `mirror.applied`: what became of each change (the item and its new head, or why not). */
export const FolderChangeResultSchema = z.object({
  relPath: RelPathSchema,
  ok: z.boolean(),
  itemId: IdSchema.optional(),
  head: IdSchema.optional(),
  message: z.string().max(1000).optional(),
});
export const FolderAppliedSchema = z.object({
  batchId: z.string().min(1).max(64),
  results: z.array(FolderChangeResultSchema),
});
export type FolderApplied = z.infer<typeof FolderAppliedSchema>;

/** A file Tether did not import, and why, in words. */
export const FolderNoticeSchema = z.object({ relPath: z.string(), message: z.string() });
export type FolderNotice = z.infer<typeof FolderNoticeSchema>;

export const MirrorStatusSchema = z.object({
  state: z.enum(['off', 'waiting', 'watching', 'exporting', 'importing', 'failing']),
  folder: z.string().nullable(),
  /** Why it is failing, in words. */
  error: z.string().nullable(),
  notices: z.array(FolderNoticeSchema),
  git: z.object({
    enabled: z.boolean(),
    busy: z.enum(['idle', 'committing', 'fetching', 'pulling', 'pushing']),
    remote: z.string().nullable(),
    ahead: z.number().int().nonnegative(),
    behind: z.number().int().nonnegative(),
    lastCommit: z.object({ sha: z.string(), subject: z.string(), at: z.number() }).nullable(),
    error: z.string().nullable(),
    /** The failure passes by itself (a remote out of reach is tried again): a state, not a notification. */
    errorRetryable: z.boolean().default(false),
    /** Release tags the remote holds on another commit: not pushed, never forced (src-main/mirror/release-tag-push.ts). */
    tagsRefused: z.array(z.string()).default([]),
    /**
     * Main asked for a push (auto-push) that has not run yet. The request is an event, and one sent
     * before a page listened (release tags left from the last run, at start) is heard by nobody:
     * the leading tab reads this when it starts and queues the push.
     */
    pushAsked: z.boolean().default(false),
  }),
});
export type MirrorStatus = z.infer<typeof MirrorStatusSchema>;

export const GitStepResultSchema = z.object({ message: z.string() });

/** Main asks for a network step (auto-push after a commit): the renderer queues it as a sync queue entry. */
export const GitNetworkRequestSchema = z.object({ step: z.enum(['push', 'pull']) });

export const FolderPickResultSchema = z.object({ folder: z.string().nullable() });

/** The mirror's bridge methods (spread into contract.ts's bridgeMethods). */
export const gitBridgeMethods = {
  'mirror.getSettings': { params: z.undefined(), result: MirrorSettingsSchema },
  'mirror.setSettings': { params: MirrorSettingsSchema, result: MirrorSettingsSchema },
  // Electron: a folder dialog; browser mode types the path instead.
  'mirror.pickFolder': { params: z.undefined(), result: FolderPickResultSchema },
  'mirror.publish': { params: MirrorPublishSchema, result: z.undefined() },
  'mirror.applied': { params: FolderAppliedSchema, result: z.undefined() },
  'mirror.status': { params: z.undefined(), result: MirrorStatusSchema },
  'git.commitNow': { params: z.undefined(), result: GitStepResultSchema },
  'git.pull': { params: z.undefined(), result: GitStepResultSchema },
  'git.push': { params: z.undefined(), result: GitStepResultSchema },
  // A promoted release becomes the tag <namespace>/v<version>, one per namespace (src-shared/mirror/release-tag.ts).
  'git.tagRelease': { params: ReleaseTagsSchema, result: ReleaseTagsResultSchema },
} as const;

/** The mirror's pushed events (spread into contract.ts's bridgeEvents). */
export const gitBridgeEvents = {
  'mirror.changes': FolderChangesSchema,
  'mirror.statusChanged': MirrorStatusSchema,
  'mirror.settingsChanged': MirrorSettingsSchema,
  'git.networkRequested': GitNetworkRequestSchema,
} as const;
