import { useEffect, useState } from 'react';
import { newNamespaceOwnerText } from '../../../src-shared/approvals/new-namespace.js';
import { NamespacePathSchema } from '../../../src-shared/model/index.js';
import type { NamespaceClaim } from '../../../src-shared/sync-protocol/index.js';
import { showView } from '../../app/actions.js';
import { getBridge } from '../../bridge/index.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { Field } from './Field.js';

/** The server's claim setting, asked once per dialog; null while unknown or offline. */
function useNamespaceClaim(): NamespaceClaim | null {
  const [claim, setClaim] = useState<NamespaceClaim | null>(null);
  useEffect(() => {
    let live = true;
    getBridge()
      .call('remote.me')
      .then((me) => live && setClaim(me.namespaceClaim ?? null))
      .catch(() => undefined); // not connected: the text says what depends on the server
    return () => {
      live = false;
    };
  }, []);
  return claim;
}

/**
 * Creates a namespace (it may stay empty); prefilled under the namespace
 * being viewed. It says who will own it, as the server will decide.
 */
export function NewNamespaceDialog({ parent, onClose }: { parent: string; onClose: () => void }) {
  const workspace = useWorkspace();
  const claim = useNamespaceClaim();
  const [path, setPath] = useState(parent ? `${parent}.` : '');
  const clean = path.trim();
  const valid = NamespacePathSchema.safeParse(clean).success;
  const ownership = valid ? newNamespaceOwnerText(workspace.newNamespaceOwner(clean, claim)) : '';
  const submit = async () => {
    await workspace.createNamespace(clean, claim);
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
      submitDisabled={!clean}
      description="Namespaces group items, like folders."
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
      {ownership && (
        <p className="field-hint" data-testid="new-namespace-owner">
          {ownership}
        </p>
      )}
    </FormDialog>
  );
}
