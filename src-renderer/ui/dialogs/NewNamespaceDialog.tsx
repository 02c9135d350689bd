import { useState } from 'react';
import { showView } from '../../app/actions.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { Field } from './Field.js';

/** Creates a namespace you own (it may stay empty); prefilled under the namespace being viewed. */
export function NewNamespaceDialog({ parent, onClose }: { parent: string; onClose: () => void }) {
  const workspace = useWorkspace();
  const [path, setPath] = useState(parent ? `${parent}.` : '');
  const submit = async () => {
    const clean = path.trim();
    await workspace.createNamespace(clean);
    showView(workspace, { kind: 'namespace', path: clean });
  };
  return (
    <FormDialog
      title="New namespace"
      testId="dialog-new-namespace"
      submitLabel="Create namespace"
      failedAction="Couldn't create the namespace"
      onClose={onClose}
      onSubmit={submit}
      submitDisabled={!path.trim()}
      description="Namespaces group items, like folders. You will own the new one."
    >
      <Field
        label="Namespace path"
        testId="new-namespace-path"
        value={path}
        placeholder="Acme.Billing"
        autoFocusField
        hint="Parts separated by dots; each starts with a letter or _."
        onChange={(e) => setPath(e.target.value)}
      />
    </FormDialog>
  );
}
