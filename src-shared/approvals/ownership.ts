import { isWithinNamespace, splitPath, type Namespace, type Op } from '../model/index.js';

/** Everyone who governs `namespace`: the owners of it and of every namespace above it. */
export function governingOwners(namespace: string, records: readonly Namespace[]): string[] {
  const owners = new Set<string>();
  for (const record of records) {
    if (isWithinNamespace(namespace, record.path)) for (const owner of record.owners) owners.add(owner);
  }
  return [...owners].sort();
}

export function ownsNamespace(user: string, namespace: string, records: readonly Namespace[]): boolean {
  return governingOwners(namespace, records).includes(user);
}

/**
 * True when the server will hold `op` for approval, judged from the
 * ownership this machine last synced: the op's namespace (and a rename's
 * source, `fromPath`) must be governed by its author. Mirrors the server's
 * rule so an edit shows "awaiting approval" the moment it is made.
 */
export function needsApproval(
  op: Pick<Op, 'author' | 'path'>,
  records: readonly Namespace[],
  fromPath?: string,
): boolean {
  const spaces = [splitPath(op.path).namespace];
  if (fromPath) spaces.push(splitPath(fromPath).namespace);
  return spaces.some((ns) => !ownsNamespace(op.author, ns, records));
}

/** The deepest namespace holding every path (segment-wise), or '' when they share none. */
export function commonNamespace(paths: readonly string[]): string {
  const lists = paths.map((p) => splitPath(p).namespace.split('.'));
  const first = lists[0] ?? [];
  let depth = first.length;
  for (const list of lists) {
    let i = 0;
    while (i < Math.min(depth, list.length) && list[i] === first[i]) i++;
    depth = i;
  }
  return first.slice(0, depth).join('.');
}
