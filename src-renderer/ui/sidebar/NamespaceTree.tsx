import { memo, useDeferredValue, useMemo, type KeyboardEvent } from 'react';
import { ChevronRight, Folder, FolderPlus, Layers, Trash2 } from 'lucide-react';
import { showView } from '../../app/actions.js';
import { IS_MAC } from '../../app/platform.js';
import { labelFor } from '../../app/shortcuts.js';
import {
  buildNamespaceTree,
  filterWords,
  flattenTree,
  matchesFilter,
  type ListView,
} from '../../state/selectors.js';
import { useUi } from '../../state/ui-slice.js';
import { useServices, useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { EmptyState } from '../common/EmptyState.js';
import { NamespaceOwners, ownersInfo, type NamespaceOwnersInfo } from '../approvals/NamespaceOwners.js';

const ICONS = { all: Layers, namespace: Folder, deleted: Trash2 };

function viewOf(kind: ListView['kind'], path: string): ListView {
  return kind === 'namespace' ? { kind, path } : { kind };
}

interface RowProps {
  kind: ListView['kind'];
  /** The namespace path; empty for "All items" and "Recently deleted". */
  path: string;
  label: string;
  count: number;
  testId: string;
  depth?: number;
  expanded?: boolean;
  /** Makes this row the tab stop even when not selected (when the selected row is filtered away). */
  tabStop?: boolean;
  /** Namespace rows: who governs it (its owners and those above). */
  owners?: NamespaceOwnersInfo;
}

/** One tree row; the selected row is the tree's single tab stop, arrows move between rows. */
const TreeRow = memo(function TreeRow({
  kind,
  path,
  label,
  count,
  testId,
  depth = 0,
  expanded,
  tabStop,
  owners,
}: RowProps) {
  const workspace = useWorkspace();
  const selected = useUi(
    (s) =>
      s.view.kind === kind && (kind !== 'namespace' || (s.view.kind === 'namespace' && s.view.path === path)),
  );
  const toggle = useUi((s) => s.toggleCollapsed);
  const Icon = ICONS[kind];
  const select = () => showView(workspace, viewOf(kind, path));
  const hasChildren = expanded !== undefined;
  return (
    <div
      role="treeitem"
      aria-selected={selected}
      aria-expanded={expanded}
      aria-level={depth + 1}
      tabIndex={selected || tabStop ? 0 : -1}
      className={`tree-row${selected ? ' is-selected' : ''}`}
      style={{ paddingLeft: 8 + depth * 14 }}
      data-testid={testId}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        } else if (
          hasChildren &&
          ((e.key === 'ArrowRight' && !expanded) || (e.key === 'ArrowLeft' && expanded))
        ) {
          e.preventDefault();
          toggle(path);
        }
      }}
    >
      <span className="tree-toggle">
        {hasChildren && (
          <ChevronRight
            size={13}
            aria-hidden
            className={expanded ? 'is-open' : ''}
            onClick={(e) => {
              e.stopPropagation();
              toggle(path);
            }}
          />
        )}
      </span>
      <span className="tree-icon">
        <Icon size={14} aria-hidden />
      </span>
      <span className="tree-label">{label}</span>
      {owners && <NamespaceOwners path={path} info={owners} />}
      <span className="tree-count">{count.toLocaleString()}</span>
    </div>
  );
});

/** ↑/↓ move focus between rows (selection follows, like a file browser). */
function onTreeKeyDown(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const rows = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const at = rows.indexOf(document.activeElement as HTMLElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 }[e.key];
  const row = rows[Math.min(rows.length - 1, Math.max(0, next))];
  if (!row) return;
  e.preventDefault();
  row.focus();
  row.click();
}

/** Namespaces with item counts, plus "All items" and "Recently deleted". */
export function NamespaceTree() {
  const snapshot = useSnapshot();
  // Deferred so typing in the filter stays instant while the counts are redone.
  const filter = useDeferredValue(useUi((s) => s.filter));
  const collapsed = useUi((s) => s.collapsed);
  const view = useUi((s) => s.view);
  const openDialog = useUi((s) => s.openDialog);
  const { items, deletedItems, namespaces } = snapshot;
  const me = useServices().info.userName;
  const rows = useMemo(
    () => flattenTree(buildNamespaceTree(namespaces, items, filter), collapsed, filter.trim() !== ''),
    [namespaces, items, filter, collapsed],
  );
  const allCount = useMemo(() => {
    const words = filterWords(filter);
    return words.length ? items.filter((i) => matchesFilter(i.path, words)).length : items.length;
  }, [items, filter]);
  const viewShown = view.kind !== 'namespace' || rows.some((r) => r.path === view.path);

  return (
    <div className="tree" role="tree" aria-label="Namespaces" onKeyDown={onTreeKeyDown}>
      <TreeRow kind="all" path="" label="All items" count={allCount} testId="view-all" tabStop={!viewShown} />
      <div className="tree-section">
        <span>Namespaces</span>
        <button
          type="button"
          className="icon-btn"
          aria-label="New namespace"
          title={`New namespace (${labelFor('namespace.new', IS_MAC)})`}
          data-testid="namespace-new"
          onClick={() =>
            openDialog({ kind: 'new-namespace', parent: view.kind === 'namespace' ? view.path : '' })
          }
        >
          <FolderPlus size={14} aria-hidden />
        </button>
      </div>
      {rows.length === 0 && (
        <EmptyState
          testId="tree-empty"
          title={filter.trim() ? 'No matching namespaces' : 'No namespaces yet'}
        />
      )}
      {rows.map((node) => (
        <TreeRow
          key={node.path}
          kind="namespace"
          path={node.path}
          label={node.name}
          count={node.totalCount}
          depth={node.depth}
          testId={`ns-${node.path}`}
          expanded={node.hasChildren ? node.expanded : undefined}
          owners={ownersInfo(node.path, namespaces, me)}
        />
      ))}
      <div className="tree-section tree-section-bottom" />
      <TreeRow
        kind="deleted"
        path=""
        label="Recently deleted"
        count={deletedItems.length}
        testId="view-deleted"
      />
    </div>
  );
}
