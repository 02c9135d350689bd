import { isLinkRecordPath } from '../../src-shared/links/lock.js';
import type { ItemState } from '../../src-shared/model/index.js';
import { isWithinNamespace, splitPath } from '../../src-shared/model/index.js';
import type { NamespaceInfo } from '../workspace/index.js';

/** What the middle pane lists: every item, one namespace (and below it), or the deleted items. */
export type ListView = { kind: 'all' } | { kind: 'namespace'; path: string } | { kind: 'deleted' };

export interface NamespaceNode {
  path: string;
  name: string;
  depth: number;
  /** Items directly in this namespace that pass the filter. */
  ownCount: number;
  /** Items in this namespace or below it that pass the filter. */
  totalCount: number;
  children: NamespaceNode[];
}

export interface FlatNamespaceNode extends NamespaceNode {
  hasChildren: boolean;
  expanded: boolean;
}

/** Lower-cased words; an item matches when its path holds every word. */
export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesFilter(path: string, words: string[]): boolean {
  if (words.length === 0) return true;
  const lower = path.toLowerCase();
  return words.every((w) => lower.includes(w));
}

export function namespaceOf(itemPath: string): string {
  return splitPath(itemPath).namespace;
}

export function nameOf(itemPath: string): string {
  return splitPath(itemPath).name;
}

/** Every ancestor of a namespace path, itself included: `A.B.C` → A, A.B, A.B.C. */
export function namespaceChain(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/**
 * The sidebar tree. Namespaces come from the workspace (explicit ones and those
 * implied by item paths); missing parents are added so the tree has no gaps.
 * With a filter, counts are of matching items and namespaces with no match
 * (and no matching name) are left out, so the tree doubles as search results.
 */
export function buildNamespaceTree(
  namespaces: readonly NamespaceInfo[],
  items: readonly ItemState[],
  filter: string,
): NamespaceNode[] {
  const words = filterWords(filter);
  // Count matches per namespace first, then walk each namespace's ancestors once:
  // ten thousand items usually live in a few hundred namespaces.
  const own = new Map<string, number>();
  for (const item of items) {
    const ns = namespaceOf(item.path);
    const add = matchesFilter(item.path, words) ? 1 : 0;
    own.set(ns, (own.get(ns) ?? 0) + add);
  }
  const nodes = new Map<string, NamespaceNode>();
  const ensure = (path: string): NamespaceNode => {
    let node = nodes.get(path);
    if (!node) {
      const parts = path.split('.');
      node = {
        path,
        name: parts[parts.length - 1] ?? path,
        depth: parts.length - 1,
        ownCount: 0,
        totalCount: 0,
        children: [],
      };
      nodes.set(path, node);
    }
    return node;
  };
  for (const ns of namespaces) namespaceChain(ns.path).forEach(ensure);
  for (const [ns, count] of own) {
    const chain = namespaceChain(ns);
    chain.forEach(ensure);
    ensure(ns).ownCount += count;
    for (const p of chain) ensure(p).totalCount += count;
  }
  const keep = (n: NamespaceNode) => words.length === 0 || n.totalCount > 0 || matchesFilter(n.path, words);
  const roots: NamespaceNode[] = [];
  const sorted = [...nodes.values()].sort((a, b) => a.path.localeCompare(b.path));
  for (const node of sorted) {
    if (!keep(node)) continue;
    const at = node.path.lastIndexOf('.');
    const parent = at < 0 ? undefined : nodes.get(node.path.slice(0, at));
    if (parent && keep(parent)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The tree as rows, skipping the children of collapsed nodes (a filter expands everything). */
export function flattenTree(
  roots: readonly NamespaceNode[],
  collapsed: Readonly<Record<string, boolean>>,
  filtering: boolean,
): FlatNamespaceNode[] {
  const out: FlatNamespaceNode[] = [];
  const walk = (list: readonly NamespaceNode[]) => {
    for (const node of list) {
      const expanded = filtering || !collapsed[node.path];
      out.push({ ...node, hasChildren: node.children.length > 0, expanded });
      if (expanded) walk(node.children);
    }
  };
  walk(roots);
  return out;
}

/** The items the middle pane shows for a view and filter, in the workspace's path order. */
export function itemsForView(
  live: readonly ItemState[],
  deleted: readonly ItemState[],
  view: ListView,
  filter: string,
): ItemState[] {
  const words = filterWords(filter);
  // A linked namespace's lock (`_link`) and push record (`_push`) are Tether's, shown on the Linked namespaces screen, not items to edit.
  const listed = (i: ItemState) => !isLinkRecordPath(i.path) && matchesFilter(i.path, words);
  if (view.kind === 'deleted') return deleted.filter(listed);
  if (view.kind === 'all') return live.filter(listed);
  return live.filter((i) => isWithinNamespace(namespaceOf(i.path), view.path) && listed(i));
}

/** The namespace a new item goes to by default: the one the user is looking at. */
export function defaultNamespace(view: ListView, selected: ItemState | undefined): string {
  if (view.kind === 'namespace') return view.path;
  return selected ? namespaceOf(selected.path) : '';
}

/** Where selection goes after the selected row disappears: the next row, else the previous one. */
export function neighbourAfterRemoval(ids: readonly string[], removedId: string): string | null {
  const at = ids.indexOf(removedId);
  if (at < 0) return null;
  return ids[at + 1] ?? ids[at - 1] ?? null;
}

/** One step of ↑/↓/Home/End/PageUp/PageDown in a list of ids. */
export function moveSelection(
  ids: readonly string[],
  current: string | null,
  step: 'up' | 'down' | 'home' | 'end' | 'pageUp' | 'pageDown',
  pageSize = 10,
): string | null {
  if (ids.length === 0) return null;
  const at = current == null ? -1 : ids.indexOf(current);
  const last = ids.length - 1;
  const target = {
    up: at < 0 ? last : at - 1,
    down: at + 1,
    home: 0,
    end: last,
    pageUp: at - pageSize,
    pageDown: at < 0 ? pageSize - 1 : at + pageSize,
  }[step];
  return ids[Math.min(last, Math.max(0, target))] ?? null;
}
