import { useState } from 'react';
import type { ItemKind } from '../../../src-shared/model/index.js';
import { runCommand } from '../../app/commands.js';
import { namespaceOf } from '../../state/selectors.js';
import { useUi } from '../../state/ui-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { ITEM_KINDS, KIND_LABELS } from '../format.js';
import { Field } from './Field.js';
import { itemPath, starterContent } from './starter.js';

/** Creates an item in a namespace (prefilled with the one being viewed), then opens it in the editor. */
export function NewItemDialog({ namespace: initial, onClose }: { namespace: string; onClose: () => void }) {
  const workspace = useWorkspace();
  const { namespaces } = useSnapshot();
  const [namespace, setNamespace] = useState(initial);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ItemKind>('fn');
  const path = itemPath(namespace, name);

  const submit = async () => {
    const item = await workspace.createItem({ path, kind, content: starterContent(kind, name.trim()) });
    const ui = useUi.getState();
    const ns = namespaceOf(item.path);
    if (
      ui.view.kind !== 'all' &&
      !(ui.view.kind === 'namespace' && `${ns}.`.startsWith(`${ui.view.path}.`))
    ) {
      ui.setView({ kind: 'namespace', path: ns });
    }
    ui.selectItem(item.itemId);
    runCommand(workspace, 'item.open');
  };

  return (
    <FormDialog
      title="New item"
      testId="dialog-new-item"
      submitLabel="Create item"
      failedAction="Couldn't create the item"
      onClose={onClose}
      onSubmit={submit}
      submitDisabled={!name.trim() || !namespace.trim()}
      size="medium"
    >
      <div className="field-row">
        <Field
          label="Namespace"
          testId="new-item-namespace"
          value={namespace}
          suggestions={namespaces.map((n) => n.path)}
          placeholder="Acme.Billing"
          autoFocusField={!initial}
          onChange={(e) => setNamespace(e.target.value)}
        />
        <Field
          label="Name"
          testId="new-item-name"
          value={name}
          placeholder="charge"
          autoFocusField={Boolean(initial)}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <fieldset className="field kind-picker" data-testid="new-item-kind">
        <legend>Kind</legend>
        <div className="segmented">
          {ITEM_KINDS.map((k) => (
            <label key={k} className={`segment kind-${k}${kind === k ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                data-testid={`new-item-kind-${k}`}
                onChange={() => setKind(k)}
              />
              {KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="field-hint" data-testid="new-item-path">
        Path: <code>{path || '—'}</code>
      </p>
    </FormDialog>
  );
}
