import { Plus } from 'lucide-react';
import type { ListView } from '../../state/selectors.js';
import { plural } from '../format.js';

function titleOf(view: ListView): string {
  if (view.kind === 'all') return 'All items';
  if (view.kind === 'deleted') return 'Recently deleted';
  return view.path;
}

/** The list's title (what is shown), its size, and the New item button. */
export function ListHeader(props: {
  view: ListView;
  count: number;
  onNewItem: () => void;
  newItemShortcut: string;
}) {
  const { view, count, onNewItem, newItemShortcut } = props;
  return (
    <header className="pane-header list-header">
      <div className="list-title">
        <h1 data-testid="list-title">{titleOf(view)}</h1>
        <span className="list-count" data-testid="list-count">
          {plural(count, 'item')}
        </span>
      </div>
      {view.kind !== 'deleted' && (
        <button
          type="button"
          className="btn btn-primary btn-small"
          data-testid="new-item-button"
          title={`New item (${newItemShortcut})`}
          onClick={onNewItem}
        >
          <Plus size={14} aria-hidden /> New item
        </button>
      )}
    </header>
  );
}
