import { useState } from 'react';
import type { ItemState } from '../../../src-shared/model/index.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { Field } from './Field.js';

/** Edits the item's full path; a different namespace part moves it as well. */
export function RenameDialog({ item, onClose }: { item: ItemState; onClose: () => void }) {
  const workspace = useWorkspace();
  const [path, setPath] = useState(item.path);
  return (
    <FormDialog
      title={`Rename ${item.path}`}
      testId="dialog-rename"
      submitLabel="Rename"
      failedAction="Couldn't rename the item"
      onClose={onClose}
      onSubmit={() => workspace.renameItem(item.itemId, path.trim())}
      submitDisabled={!path.trim()}
      size="medium"
    >
      <Field
        label="Path"
        testId="rename-path"
        value={path}
        autoFocusField
        hint="Namespace and name, separated by dots. Changing the namespace part moves the item."
        onChange={(e) => setPath(e.target.value)}
        onFocus={(e) => {
          // Select just the name, the part people usually change.
          const at = e.target.value.lastIndexOf('.') + 1;
          e.target.setSelectionRange(at, e.target.value.length);
        }}
      />
    </FormDialog>
  );
}
