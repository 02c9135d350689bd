import semver from 'semver';
import type { LinkConstraint, LinkRequest } from './lock.js';
import { chainTo, dependencyOrder } from './order.js';

/** A tag or branch of the upstream repository and the commit it points at (tags peeled). */
export interface RemoteRef {
  name: string;
  commit: string;
}

/** What `git ls-remote` told about one repository. */
export interface RemoteRefs {
  tags: RemoteRef[];
  branches: RemoteRef[];
}

/** One link pinned to an exact commit (the tree id is git's to tell, in main). */
export interface Resolution {
  namespace: string;
  version: string | null;
  ref: string;
  commit: string;
}

export type ResolutionErrorKind = 'cycle' | 'unsatisfiable' | 'missing_link' | 'missing_branch' | 'no_refs';

/** Why linking could not resolve, naming the chain of namespaces that led there. */
export interface ResolutionError {
  kind: ResolutionErrorKind;
  chain: string[];
  message: string;
}

export type ResolveResult = { ok: true; resolved: Resolution[] } | { ok: false; error: ResolutionError };

/** A tag's semver version: `v2.1.0` and `2.1.0` are both 2.1.0; anything else is not a version tag. */
export function tagVersion(tag: string): string | null {
  const bare = tag.startsWith('v') ? tag.slice(1) : tag;
  return semver.valid(bare) === bare ? bare : null;
}

/** Version tags, newest first; two spellings of one version keep the first by name. */
export function versionTags(tags: readonly RemoteRef[]): { version: string; ref: RemoteRef }[] {
  const byVersion = new Map<string, RemoteRef>();
  for (const ref of [...tags].sort((a, b) => a.name.localeCompare(b.name))) {
    const version = tagVersion(ref.name);
    if (version && !byVersion.has(version)) byVersion.set(version, ref);
  }
  return [...byVersion.entries()]
    .sort(([a], [b]) => semver.rcompare(a, b))
    .map(([version, ref]) => ({ version, ref }));
}

/** A range the `semver` package reads, or why not. */
export function checkRange(range: string): string | null {
  return semver.validRange(range) === null
    ? `"${range}" is not a version range (try ^2.1.0 or ~1.3.0)`
    : null;
}

interface Wanted {
  range: string;
  /** Who asks for it: the link itself, or the namespace that requires it. */
  by: string;
}

/**
 * The newest tag in every range at once (the link's own and those of the
 * namespaces that require it), or the branch's tip. Prereleases count only
 * when a range names one, as npm does.
 */
export function pickRef(
  constraint: LinkConstraint,
  refs: RemoteRefs,
  also: readonly Wanted[] = [],
): { ok: true; version: string | null; ref: string; commit: string } | { ok: false; reason: string } {
  if (constraint.kind === 'branch') {
    if (also.length > 0) {
      const first = also[0] as Wanted;
      return {
        ok: false,
        reason: `it follows branch ${constraint.branch}, which has no version for ${first.by}’s ${first.range}`,
      };
    }
    const branch = refs.branches.find((ref) => ref.name === constraint.branch);
    return branch
      ? { ok: true, version: null, ref: branch.name, commit: branch.commit }
      : { ok: false, reason: `the repository has no branch ${constraint.branch}` };
  }
  const wanted: Wanted[] = [{ range: constraint.range, by: 'its link' }, ...also];
  for (const { range } of wanted) {
    const bad = checkRange(range);
    if (bad) return { ok: false, reason: bad };
  }
  const tags = versionTags(refs.tags);
  const match = tags.find(({ version }) => wanted.every(({ range }) => semver.satisfies(version, range)));
  if (match) return { ok: true, version: match.version, ref: match.ref.name, commit: match.ref.commit };
  const asked = wanted.map(({ range, by }) => `${range} (${by})`).join(' and ');
  const have = tags.length ? tags.map(({ version }) => version).join(', ') : 'none';
  return { ok: false, reason: `no version tag satisfies ${asked}; its version tags: ${have}` };
}

/**
 * Resolves every link to an exact commit, dependencies first. `refsOf`
 * gives what the link's repository holds (main asked each repository once).
 */
export function resolveLinks(
  links: ReadonlyMap<string, LinkRequest>,
  refsOf: (repository: string) => RemoteRefs | undefined,
): ResolveResult {
  const requires = new Map([...links].map(([ns, link]) => [ns, link.requires.map((r) => r.namespace)]));
  for (const [ns, deps] of requires) {
    const missing = deps.find((dep) => !links.has(dep));
    if (missing) {
      const chain = [...chainTo(ns, requires), missing];
      return fail('missing_link', chain, `${ns} requires ${missing}, which is not a linked namespace`);
    }
  }
  const order = dependencyOrder(requires);
  if (!order.ok) {
    return fail('cycle', order.cycle, `These linked namespaces require each other in a circle`);
  }
  const resolved: Resolution[] = [];
  for (const ns of order.order) {
    const link = links.get(ns) as LinkRequest;
    const refs = refsOf(link.repository);
    const chain = chainTo(ns, requires);
    if (!refs)
      return fail('no_refs', chain, `${link.repository} was not reached, so ${ns} has no commit yet`);
    const also = [...links]
      .flatMap(([by, other]) =>
        other.requires.filter((r) => r.namespace === ns).map((r) => ({ by, range: r.range })),
      )
      .sort((a, b) => a.by.localeCompare(b.by));
    const pick = pickRef(link.constraint, refs, also);
    if (!pick.ok) {
      const kind =
        link.constraint.kind === 'branch' && also.length === 0 ? 'missing_branch' : 'unsatisfiable';
      return fail(kind, chain, `${ns} cannot be resolved: ${pick.reason}`);
    }
    resolved.push({ namespace: ns, version: pick.version, ref: pick.ref, commit: pick.commit });
  }
  return { ok: true, resolved };
}

function fail(kind: ResolutionErrorKind, chain: string[], why: string): ResolveResult {
  return { ok: false, error: { kind, chain, message: `${why} (${chain.join(' → ')})` } };
}
