import { useState } from 'react';
import { Folder, FolderPlus } from 'lucide-react';
import type { ItemState } from '../../../src-shared/model/index.js';
import { filterWords, matchesFilter, nameOf, namespaceOf } from '../../state/selectors.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { Field } from './Field.js';
import { itemPath } from './starter.js';

const MAX_CHOICES = 50;

/** Moves an item to another namespace: pick one from the list or type a new one (it is created by the move). */
export function MoveDialog({ item, onClose }: { item: ItemState; onClose: () => void }) {
  const workspace = useWorkspace();
  const { namespaces } = useSnapshot();
  const current = namespaceOf(item.path);
  const [target, setTarget] = useState('');
  const words = filterWords(target);
  const choices = namespaces
    .filter((n) => n.path !== current && matchesFilter(n.path, words))
    .slice(0, MAX_CHOICES);
  const trimmed = target.trim();
  const isNew = trimmed !== '' && !namespaces.some((n) => n.path === trimmed);

  return (
    <FormDialog
      title={`Move ${item.path}`}
      testId="dialog-move"
      submitLabel="Move"
      failedAction="Couldn't move the item"
      onClose={onClose}
      onSubmit={() => workspace.renameItem(item.itemId, itemPath(trimmed, nameOf(item.path)))}
      submitDisabled={!trimmed || trimmed === current}
      size="medium"
    >
      <Field
        label="Move to namespace"
        testId="move-namespace"
        value={target}
        placeholder="Type to filter, or a new namespace"
        autoFocusField
        hint={
          isNew ? (
            <>
              <FolderPlus size={12} aria-hidden /> “{trimmed}” is new; moving the item creates it.
            </>
          ) : (
            `Now in ${current}.`
          )
        }
        onChange={(e) => setTarget(e.target.value)}
      />
      <div className="choice-list" role="listbox" aria-label="Namespaces" data-testid="move-choices">
        {choices.map((n) => (
          <button
            key={n.path}
            type="button"
            role="option"
            aria-selected={n.path === trimmed}
            className={`choice${n.path === trimmed ? ' is-selected' : ''}`}
            data-testid={`move-choice-${n.path}`}
            onClick={() => setTarget(n.path)}
          >
            <Folder size={14} aria-hidden /> {n.path}
            <span className="choice-count">{n.itemCount}</span>
          </button>
        ))}
        {choices.length === 0 && <p className="choice-empty">No other namespaces match.</p>}
      </div>
    </FormDialog>
  );
}
