import { z } from 'zod';
import type { ItemState } from '../model/index.js';
import { MAX_RELEASE_NAMESPACES, type Release } from '../sync-protocol/releases.js';
import { fileNameFor } from './naming.js';

/**
 * A promoted release as a tag of the mirror's git repository, one for each
 * namespace it covers: the annotated tag `<namespace>/v<version>`
 * (`Acme.Billing/v2.0.0`) on a commit whose tree is the repository's latest
 * commit with that namespace's folder as the release froze it. Created once and never moved: a tag of that name that
 * is already there stays as it is.
 */
export const ReleaseTagSchema = z.object({
  tag: z
    .string()
    .min(3)
    .max(255)
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*\/v[0-9A-Za-z.+-]+$/, 'A release tag is <namespace>/v<version>'),
  /** The namespace's folder in the mirror (`Acme/Billing`). */
  folder: z
    .string()
    .min(1)
    .max(1000)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*)*$/, 'A namespace folder'),
  /** The release's files, relative to the folder. */
  files: z.array(z.object({ path: z.string().min(1).max(1000), content: z.string() })).max(100_000),
  message: z.string().min(1).max(100_000),
  /** When it was promoted (ms): the tag's and commit's date, so the same release makes the same commit. */
  at: z.number().int().nonnegative(),
});
export type ReleaseTag = z.infer<typeof ReleaseTagSchema>;

export const ReleaseTagResultSchema = z.object({
  /** created: the tag is new; exists: it was there already and stays; off: no git mirror. */
  state: z.enum(['created', 'exists', 'off']),
  tag: z.string(),
});
export type ReleaseTagResult = z.infer<typeof ReleaseTagResultSchema>;

/**
 * A promoted release's tags, one per namespace, made in one call: one commit
 * of the folder's pending work, the tags, then one push asked for (with
 * auto-push), so no tag of the release misses the push that carries the others.
 */
export const ReleaseTagsSchema = z.object({
  tags: z.array(ReleaseTagSchema).min(1).max(MAX_RELEASE_NAMESPACES),
});
export const ReleaseTagsResultSchema = z.object({ tags: z.array(ReleaseTagResultSchema) });

export const releaseTagName = (namespace: string, version: string) => `${namespace}/v${version}`;

/**
 * The tags a promoted release makes, one per namespace it covers (none for a
 * draft): each on that namespace's items as the release froze them, so `Acme/v2.0.0` and `Beta/v2.0.0` each hold their own folder as
 * released. A namespace named twice is tagged once.
 */
export function releaseTags(release: Release, items: readonly ItemState[]): ReleaseTag[] {
  if (release.status !== 'promoted') return [];
  const message = tagMessage(release);
  return [...new Set(release.namespaces)].map((namespace) => {
    const folder = namespace.split('.').join('/');
    const files = items
      .filter((item) => item.path.startsWith(`${namespace}.`))
      .map((item) => ({
        path: fileNameFor(item.path, item.kind).slice(folder.length + 1),
        content: item.content,
      }));
    return {
      tag: releaseTagName(namespace, release.version),
      folder,
      files,
      message,
      at: release.promotedAt ?? 0,
    };
  });
}

function tagMessage(release: Release): string {
  const changes = release.changes.map((change) => {
    const passed = change.proofs.filter((p) => p.result === 'passed').length;
    return `- ${change.id} ${change.title} (${passed} passing proof${passed === 1 ? '' : 's'})`;
  });
  return [
    `Release ${release.namespaces.join(', ')} ${release.version}`,
    '',
    `Promoted by ${release.promotedBy ?? 'someone'} at ${new Date(release.promotedAt ?? 0).toISOString()}.`,
    ...(changes.length ? ['', 'Changes:', ...changes] : []),
    '',
  ].join('\n');
}
