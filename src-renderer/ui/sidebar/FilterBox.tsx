import { useEffect, useRef } from 'react';
import { Search, X } from 'lucide-react';
import { focusTarget, registerFocusTarget } from '../../app/focus.js';
import { useUi } from '../../state/ui-slice.js';

/** Filters the namespace tree and the item list by path. Enter or ↓ moves into the list; Esc clears. */
export function FilterBox({ shortcut }: { shortcut: string }) {
  const filter = useUi((s) => s.filter);
  const setFilter = useUi((s) => s.setFilter);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(
    () =>
      registerFocusTarget('filter', () => {
        ref.current?.focus();
        ref.current?.select();
      }),
    [],
  );
  return (
    <div className="filter-box">
      <Search size={14} aria-hidden className="filter-icon" />
      <input
        ref={ref}
        type="text"
        value={filter}
        placeholder="Filter items"
        aria-label="Filter items by path"
        data-testid="filter-input"
        spellCheck={false}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && filter) {
            e.preventDefault();
            setFilter('');
          } else if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'ArrowDown') {
            e.preventDefault();
            focusTarget('list');
          }
        }}
      />
      {filter ? (
        <button
          type="button"
          className="icon-btn filter-clear"
          aria-label="Clear filter"
          onClick={() => setFilter('')}
        >
          <X size={13} aria-hidden />
        </button>
      ) : (
        <kbd className="filter-kbd">{shortcut}</kbd>
      )}
    </div>
  );
}
