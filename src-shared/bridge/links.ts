import { z } from 'zod';
import { LinkRequestSchema, LockRecordSchema } from '../links/lock.js';
import { PULL_STRATEGIES } from '../links/preview.js';
import { ItemKindSchema } from '../model/op.js';
import { ItemPathSchema, NamespacePathSchema } from '../model/path.js';
import { FolderNoticeSchema } from './git.js';

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

const NamespacedLockSchema = z.object({ namespace: NamespacePathSchema, lock: LockRecordSchema });

/** `links.lock`: every link pinned to an exact commit, dependencies first, or the error naming the chain. */
export const LinkLockResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), locks: z.array(NamespacedLockSchema) }),
  z.object({
    ok: z.literal(false),
    error: z.object({ kind: z.string(), chain: z.array(z.string()), message: z.string() }),
  }),
]);

export const UpstreamItemSchema = z.object({
  file: z.string(),
  relPath: z.string(),
  path: ItemPathSchema,
  kind: ItemKindSchema,
  content: z.string(),
});

export const UpstreamFactSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('found'),
    commit: z.string(),
    version: z.string().nullable(),
    checkedAt: z.number(),
  }),
  z.object({ state: z.literal('gone'), reason: z.string(), checkedAt: z.number() }),
]);

const OUTCOMES = [
  'unchanged',
  'keep',
  'create',
  'update',
  'delete',
  'same',
  'merge',
  'conflict',
  'replace',
  'blocked',
] as const;
const SIDE = z.enum(['unchanged', 'added', 'changed', 'deleted']);
const perStrategy = <T extends z.ZodType>(value: T) =>
  z.object(
    Object.fromEntries(PULL_STRATEGIES.map((s) => [s, value])) as Record<(typeof PULL_STRATEGIES)[number], T>,
  );

export const PullPreviewSchema = z.object({
  fastForwardBlocked: z.string().nullable(),
  items: z.array(
    z.object({ file: z.string(), local: SIDE, upstream: SIDE, outcomes: perStrategy(z.enum(OUTCOMES)) }),
  ),
  conflicts: perStrategy(z.number().int().nonnegative()),
  setAside: z.number().int().nonnegative(),
});

export const PullContentEntrySchema = z.object({
  file: z.string(),
  base: z.string().nullable(),
  local: z.string().nullable(),
  theirs: z.string().nullable(),
  conflict: z.boolean(),
  merged: z.string().nullable(),
  item: z.object({ path: ItemPathSchema, kind: ItemKindSchema }).nullable(),
});

export const LocalLinkItemSchema = z.object({
  path: ItemPathSchema,
  kind: ItemKindSchema,
  content: z.string(),
});

/**
 * Linked namespaces: main talks to upstream repositories (the renderer has
 * no network); decisions are src-shared/links'. Network steps are refused
 * in travel mode; `links.upstream` then answers what was last known.
 */
export const linkBridgeMethods = {
  'links.lock': method(
    z.object({ links: z.record(NamespacePathSchema, LinkRequestSchema) }),
    LinkLockResultSchema,
  ),
  'links.items': method(
    NamespacedLockSchema,
    z.object({ items: z.array(UpstreamItemSchema), notices: z.array(FolderNoticeSchema) }),
  ),
  'links.upstream': method(NamespacedLockSchema, UpstreamFactSchema.nullable()),
  'links.preview': method(
    NamespacedLockSchema.extend({
      target: LockRecordSchema,
      local: z.array(LocalLinkItemSchema).max(10_000),
    }),
    PullPreviewSchema,
  ),
  /** Each file's text at the lock, here and upstream, with git's merge: what a pull applies (src-shared/links/pull-plan.ts). */
  'links.pullContents': method(
    NamespacedLockSchema.extend({
      target: LockRecordSchema,
      local: z.array(LocalLinkItemSchema).max(10_000),
    }),
    z.array(PullContentEntrySchema),
  ),
} as const;

export type LinkMethod = keyof typeof linkBridgeMethods;
