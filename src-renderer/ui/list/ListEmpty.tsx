import { FilePlus2, SearchX, Trash2 } from 'lucide-react';
import type { ListView } from '../../state/selectors.js';
import { EmptyState } from '../common/EmptyState.js';

/** What the list says when it has no rows, with the action that would give it some. */
export function ListEmpty(props: {
  view: ListView;
  filter: string;
  onNewItem: () => void;
  onClearFilter: () => void;
}) {
  const { view, filter, onNewItem, onClearFilter } = props;
  if (filter.trim()) {
    return (
      <EmptyState
        testId="item-list-empty"
        icon={<SearchX size={28} aria-hidden />}
        title={`No items match “${filter.trim()}”`}
        action={
          <button type="button" className="btn" onClick={onClearFilter}>
            Clear filter
          </button>
        }
      >
        The filter matches any part of an item’s path, like “Billing” or “charge”.
      </EmptyState>
    );
  }
  if (view.kind === 'deleted') {
    return (
      <EmptyState testId="item-list-empty" icon={<Trash2 size={28} aria-hidden />} title="Nothing deleted">
        Items you delete show up here, so you can bring them back.
      </EmptyState>
    );
  }
  const newItem = (
    <button type="button" className="btn btn-primary" onClick={onNewItem} data-testid="empty-new-item">
      New item
    </button>
  );
  if (view.kind === 'namespace') {
    return (
      <EmptyState
        testId="item-list-empty"
        icon={<FilePlus2 size={28} aria-hidden />}
        title={`No items in ${view.path} yet`}
        action={newItem}
      >
        Add a function, type, value, component or doc to this namespace.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      testId="item-list-empty"
      icon={<FilePlus2 size={28} aria-hidden />}
      title="No items yet"
      action={newItem}
    >
      Items are functions, types, values, components and docs, each kept in a namespace. Everything is saved
      on this computer first.
    </EmptyState>
  );
}
