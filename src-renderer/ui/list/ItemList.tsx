import { useCallback, useDeferredValue, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { restoreItem } from '../../app/actions.js';
import { runCommand } from '../../app/commands.js';
import { registerFocusTarget } from '../../app/focus.js';
import { matchShortcut, type Command } from '../../app/shortcuts.js';
import { itemsForView, moveSelection } from '../../state/selectors.js';
import { useUi } from '../../state/ui-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { ItemRow, ROW_HEIGHT, rowDomId } from './ItemRow.js';
import { ListEmpty } from './ListEmpty.js';
import { ListHeader } from './ListHeader.js';
import { SyncNotices } from '../sync/SyncNotices.js';
import { useBadgeRefresh } from '../../state/sync-slice.js';

const MOVES: Partial<Record<Command, Parameters<typeof moveSelection>[2]>> = {
  'list.up': 'up',
  'list.down': 'down',
  'list.home': 'home',
  'list.end': 'end',
  'list.pageUp': 'pageUp',
  'list.pageDown': 'pageDown',
};

/**
 * The middle pane: the items of the chosen view, virtualised so ten thousand
 * rows cost the same as twenty. The list is one tab stop; ↑/↓ move the
 * selection (the editor follows), Enter moves into the editor.
 */
export function ItemList({ mac, newItemShortcut }: { mac: boolean; newItemShortcut: string }) {
  const workspace = useWorkspace();
  const snapshot = useSnapshot();
  const view = useUi((s) => s.view);
  // Deferred so typing in the filter stays instant while ten thousand rows are re-filtered.
  const filter = useDeferredValue(useUi((s) => s.filter));
  const selectedId = useUi((s) => s.selectedItemId);
  const selectItem = useUi((s) => s.selectItem);
  const setFilter = useUi((s) => s.setFilter);
  useBadgeRefresh();
  const rows = useMemo(
    () => itemsForView(snapshot.items, snapshot.deletedItems, view, filter),
    [snapshot.items, snapshot.deletedItems, view, filter],
  );
  const ids = useMemo(() => rows.map((r) => r.itemId), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read only during this render
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    overscan: 12,
    // Stable per row set: a new function would make the virtualizer re-measure all rows on every render.
    getItemKey: useCallback((i: number) => rows[i]?.itemId ?? i, [rows]),
  });

  const selectedIndex = selectedId ? ids.indexOf(selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);
  useEffect(() => registerFocusTarget('list', () => scrollRef.current?.focus()), []);

  const open = useCallback(
    (itemId: string) => {
      selectItem(itemId);
      runCommand(workspace, 'item.open');
    },
    [selectItem, workspace],
  );
  const select = useCallback(
    (itemId: string) => {
      selectItem(itemId);
      scrollRef.current?.focus();
    },
    [selectItem],
  );
  const restore = useCallback((itemId: string) => void restoreItem(workspace, itemId, false), [workspace]);
  const newItem = useCallback(() => runCommand(workspace, 'item.new'), [workspace]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const command = matchShortcut(e, { scope: 'list', mac, typing: false });
    if (!command) return;
    e.preventDefault();
    const move = MOVES[command];
    if (move) selectItem(moveSelection(ids, selectedId, move, pageSize(scrollRef.current)));
    else if (view.kind === 'deleted' && command === 'item.open' && selectedId) restore(selectedId);
    else if (view.kind !== 'deleted' || command === 'item.undoDelete') runCommand(workspace, command);
  };

  return (
    <section className="pane list-pane" aria-label="Items" data-testid="item-list-pane">
      <ListHeader view={view} count={rows.length} onNewItem={newItem} newItemShortcut={newItemShortcut} />
      <SyncNotices />
      {rows.length === 0 ? (
        <ListEmpty view={view} filter={filter} onNewItem={newItem} onClearFilter={() => setFilter('')} />
      ) : null}
      <div
        ref={scrollRef}
        className="item-scroll"
        role="listbox"
        aria-label={view.kind === 'deleted' ? 'Deleted items' : 'Items'}
        aria-activedescendant={selectedIndex >= 0 && selectedId ? rowDomId(selectedId) : undefined}
        tabIndex={0}
        hidden={rows.length === 0}
        data-testid={view.kind === 'deleted' ? 'deleted-list' : 'item-list'}
        onKeyDown={onKeyDown}
      >
        <div className="item-scroll-inner" style={{ height: virtualizer.getTotalSize() }} role="none">
          {virtualizer.getVirtualItems().map((v) => {
            const item = rows[v.index];
            if (!item) return null;
            return (
              <ItemRow
                key={item.itemId}
                item={item}
                badge={workspace.syncBadge(item.itemId)}
                changedOn={
                  snapshot.branch && workspace.changedOnBranch(item.itemId) ? snapshot.branch.name : null
                }
                selected={item.itemId === selectedId}
                top={v.start}
                onSelect={select}
                onOpen={view.kind === 'deleted' ? select : open}
                onRestore={view.kind === 'deleted' ? restore : undefined}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

const estimateSize = () => ROW_HEIGHT;

function pageSize(el: HTMLElement | null): number {
  return el ? Math.max(1, Math.floor(el.clientHeight / ROW_HEIGHT) - 1) : 10;
}
