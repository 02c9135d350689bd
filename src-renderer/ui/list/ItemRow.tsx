import { memo } from 'react';
import { ArchiveRestore, GitBranch } from 'lucide-react';
import type { ItemState } from '../../../src-shared/model/index.js';
import type { ItemSyncBadge } from '../../workspace/index.js';
import { nameOf, namespaceOf } from '../../state/selectors.js';
import { KindBadge } from '../common/KindBadge.js';
import { SyncBadge } from '../common/SyncBadge.js';

export const ROW_HEIGHT = 34;

export interface ItemRowProps {
  item: ItemState;
  badge: ItemSyncBadge;
  /** The current branch's name when the item was changed on it (vs main at the branch's base). */
  changedOn?: string | null;
  selected: boolean;
  top: number;
  onSelect: (itemId: string) => void;
  onOpen: (itemId: string) => void;
  /** Shown in "Recently deleted": brings the item back. */
  onRestore?: (itemId: string) => void;
}

export function rowDomId(itemId: string): string {
  return `item-option-${itemId}`;
}

/** One item in the list: kind, name, namespace (dimmed), a mark if changed on the branch, conflict marker and sync badge. */
export const ItemRow = memo(function ItemRow({
  item,
  badge,
  changedOn = null,
  selected,
  top,
  onSelect,
  onOpen,
  onRestore,
}: ItemRowProps) {
  const prefix = onRestore ? 'deleted-row' : 'item-row';
  return (
    <div
      id={rowDomId(item.itemId)}
      role="option"
      aria-selected={selected}
      className={`item-row${selected ? ' is-selected' : ''}${item.deleted ? ' is-deleted' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid={`${prefix}-${item.path}`}
      data-item-id={item.itemId}
      onClick={() => onSelect(item.itemId)}
      onDoubleClick={() => onOpen(item.itemId)}
    >
      <KindBadge kind={item.kind} />
      <span className="item-text">
        <span className="item-name">{nameOf(item.path)}</span>
        <span className="item-ns">{namespaceOf(item.path)}</span>
      </span>
      {changedOn && (
        <span
          className="branch-mark"
          role="img"
          aria-label={`Changed on ${changedOn}`}
          title={`Changed on ${changedOn}`}
          data-testid="branch-mark"
        >
          <GitBranch size={12} aria-hidden />
        </span>
      )}
      {onRestore ? (
        <button
          type="button"
          className="btn btn-small"
          data-testid={`restore-${item.path}`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            onRestore(item.itemId);
          }}
        >
          <ArchiveRestore size={13} aria-hidden /> Restore
        </button>
      ) : item.conflict ? (
        <span
          className="conflict-marker"
          title={`In conflict (${item.conflict.kind}): ${item.conflict.sides.length} versions. Every version is kept in History.`}
          data-testid="conflict-marker"
        >
          <SyncBadge badge="conflict" />
        </span>
      ) : (
        <SyncBadge badge={badge} />
      )}
    </div>
  );
});
