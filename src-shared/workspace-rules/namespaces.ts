import { ValidationError } from '../errors.js';
import { NamespacePathSchema, splitPath, type Namespace } from '../model/index.js';

/** A namespace as the tree shows it. */
export interface NamespaceInfo {
  path: string;
  /** Live items at or below this namespace. */
  itemCount: number;
  /** Owners named on this namespace's own record (not inherited from a parent). */
  owners: string[];
  /** True when a record exists; false when only item paths imply it. */
  explicit: boolean;
}

/**
 * Every namespace the tree needs: each prefix of each live item's namespace
 * (`Acme.Billing.charge` implies `Acme` and `Acme.Billing`), plus the
 * explicit records and their prefixes, sorted by path.
 */
export function deriveNamespaces(
  livePaths: readonly string[],
  records: readonly Namespace[],
): NamespaceInfo[] {
  // Count per namespace first: many items share one, so prefixes are built once each.
  const direct = new Map<string, number>();
  for (const path of livePaths) {
    const { namespace } = splitPath(path);
    direct.set(namespace, (direct.get(namespace) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const [namespace, count] of direct) {
    for (const prefix of prefixesOf(namespace)) {
      counts.set(prefix, (counts.get(prefix) ?? 0) + count);
    }
  }
  const byPath = new Map(records.map((ns) => [ns.path, ns]));
  const all = new Set(counts.keys());
  for (const ns of records) for (const prefix of prefixesOf(ns.path)) all.add(prefix);
  return [...all].sort().map((path) => ({
    path,
    itemCount: counts.get(path) ?? 0,
    owners: byPath.get(path)?.owners ?? [],
    explicit: byPath.has(path),
  }));
}

/** `A.B.C` → `A`, `A.B`, `A.B.C`. */
export function prefixesOf(namespace: string): string[] {
  const segments = namespace.split('.');
  return segments.map((_, i) => segments.slice(0, i + 1).join('.'));
}

/** A namespace record about to be created: a valid path that has no record yet. */
export function checkNewNamespace(path: string, records: readonly Namespace[]): string {
  const parsed = NamespacePathSchema.safeParse(path);
  if (!parsed.success || path === '') {
    const why = parsed.success ? 'it is empty' : parsed.error.issues[0]?.message;
    throw new ValidationError(`"${path}" is not a valid namespace: ${why}`, 'path');
  }
  if (records.some((ns) => ns.path === path)) {
    throw new ValidationError(`The namespace "${path}" already exists`, 'path');
  }
  return path;
}
