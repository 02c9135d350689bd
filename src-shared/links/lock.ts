import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { NamespacePathSchema } from '../model/path.js';

/**
 * A repository address git may be given: https, http, ssh, file or scp-like
 * `user@host:path`. Never one that starts with "-", which git would read as
 * an option (the address reaches `git ls-remote` and `git fetch`).
 */
export const RepositoryUrlSchema = z
  .string()
  .trim()
  .min(1, 'Give the repository’s address')
  .max(2048, 'A repository address is at most 2,048 characters')
  .refine((url) => !url.startsWith('-'), 'A repository address cannot start with "-"')
  .refine((url) => !/\s/.test(url), 'A repository address holds no spaces')
  .refine(
    (url) => /^(https?|ssh|file|git):\/\//.test(url) || /^[\w.-]+@[\w.-]+:/.test(url),
    'Use an address like https://host/owner/repo.git or git@host:owner/repo.git',
  );

/** The folder inside the repository whose files become the namespace's items ("" = the whole repository). */
export const RepositoryPathSchema = z
  .string()
  .trim()
  .max(1024, 'A folder path is at most 1,024 characters')
  .transform((path) => path.replace(/^\/+|\/+$/g, ''))
  .refine(
    (path) => path === '' || path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'The folder is a path inside the repository, like components/crm (no "..", no empty parts)',
  )
  .refine((path) => !path.startsWith('-'), 'A folder path cannot start with "-"');

/** git's own rules for a branch name (check-ref-format), in the words a person needs. */
export const BranchNameSchema = z
  .string()
  .trim()
  .min(1, 'Give a branch name')
  .max(255, 'A branch name is at most 255 characters')
  .refine(
    (name) =>
      !name.startsWith('-') &&
      !name.startsWith('/') &&
      !name.endsWith('/') &&
      !name.endsWith('.lock') &&
      !name.endsWith('.') &&
      !name.includes('..') &&
      !name.includes('//') &&
      !name.includes('@{') &&
      // eslint-disable-next-line no-control-regex
      !/[\s~^:?*[\\\x00-\x1f\x7f]/.test(name),
    'That is not a branch name git accepts',
  );

/** A semver range over the repository's version tags, as the `semver` package reads it (`^2.1.0`, `~1.3.0`). */
export const VersionRangeSchema = z.string().trim().min(1, 'Give a version range, like ^2.1.0').max(256);

/** What a link follows: the newest version tag in a range, or the tip of a branch. */
export const LinkConstraintSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), range: VersionRangeSchema }),
  z.object({ kind: z.literal('branch'), branch: BranchNameSchema }),
]);
export type LinkConstraint = z.infer<typeof LinkConstraintSchema>;

/** Another linked namespace this one needs, at versions in `range`. */
export const LinkRequirementSchema = z.object({
  namespace: NamespacePathSchema,
  range: VersionRangeSchema,
});
export type LinkRequirement = z.infer<typeof LinkRequirementSchema>;

/** What someone asks for when linking a namespace: where it lives upstream and which versions. */
export const LinkRequestSchema = z.object({
  repository: RepositoryUrlSchema,
  path: RepositoryPathSchema,
  constraint: LinkConstraintSchema,
  requires: z.array(LinkRequirementSchema).max(64).default([]),
});
export type LinkRequest = z.infer<typeof LinkRequestSchema>;

const ObjectIdSchema = z.string().regex(/^[0-9a-f]{40}$/, 'A git object id is 40 hex digits');

/**
 * The lock of one linked namespace: the request plus the exact commit it
 * resolved to, so the whole team imports the same files. The namespace is
 * not in the record: the lock item's path says it, and a copy could disagree.
 */
export const LockRecordSchema = LinkRequestSchema.extend({
  /** The tag's version (semver, canonical); null for a branch link. */
  resolvedVersion: z.string().max(256).nullable(),
  /** The tag or branch name the commit came from, as the remote spells it. */
  resolvedRef: z.string().min(1).max(512),
  commit: ObjectIdSchema,
  /** The tree of `path` at `commit`: equal trees mean equal files, whatever the commit. */
  treeId: ObjectIdSchema,
  resolvedAt: z.number().int().nonnegative(),
  resolvedBy: z.string().min(1).max(128),
});
export type LockRecord = z.infer<typeof LockRecordSchema>;

/**
 * The lock is an ordinary item of the namespace, `<namespace>._link`
 * (a YAML component), so it syncs, waits for approval and conflicts like
 * any other item. Upstream files may not take this name.
 */
export const LOCK_ITEM_NAME = '_link';

export function lockItemPath(namespace: string): string {
  return `${namespace}.${LOCK_ITEM_NAME}`;
}

export function isLockItemPath(path: string): boolean {
  return path.endsWith(`.${LOCK_ITEM_NAME}`);
}

/**
 * The last push of a linked namespace, `<namespace>._push` (a YAML
 * component, see push-record.ts): team data beside the lock, so everyone
 * sees where the edits went and the pull request. Upstream files may not
 * take this name either.
 */
export const PUSH_ITEM_NAME = '_push';

export function pushItemPath(namespace: string): string {
  return `${namespace}.${PUSH_ITEM_NAME}`;
}

/** Tether's own records of a link (its lock, its last push): items that sync, never upstream's files. */
export function isLinkRecordPath(path: string): boolean {
  return isLockItemPath(path) || path.endsWith(`.${PUSH_ITEM_NAME}`);
}

/** The lock item's content: a comment saying what it is, then the record as YAML. */
export function formatLock(lock: LockRecord): string {
  const record = LockRecordSchema.parse(lock);
  return (
    '# Tether link lock: the exact upstream commit this namespace is at. Written by Tether.\n' +
    stringify(record, { lineWidth: 0 })
  );
}

export type LockParse = { ok: true; lock: LockRecord } | { ok: false; message: string };

/** Reads a lock item's content; a hand-edited or half-merged lock says what is wrong with it. */
export function parseLock(content: string): LockParse {
  let data: unknown;
  try {
    data = parse(content);
  } catch (error) {
    return {
      ok: false,
      message: `The link lock is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  const parsed = LockRecordSchema.safeParse(data);
  if (parsed.success) return { ok: true, lock: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  return {
    ok: false,
    message: `The link lock is not complete${where}: ${issue?.message ?? 'unknown field'}`,
  };
}
