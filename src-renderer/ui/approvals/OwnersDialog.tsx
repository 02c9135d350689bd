import { useState } from 'react';
import { governingOwners } from '../../../src-shared/approvals/index.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { useSnapshot } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { useApprovalsUi } from './approvals-ui.js';

/** An owner adds co-owners to a namespace (the server checks the caller owns it). */
export function OwnersDialog({ path }: { path: string }) {
  const close = useApprovalsUi((s) => s.editOwners);
  const service = useApprovals((s) => s.service);
  const records = useSnapshot()
    .namespaces.filter((n) => n.explicit)
    .map((n) => ({ path: n.path, owners: n.owners, updatedAt: 0 }));
  const [names, setNames] = useState('');
  return (
    <FormDialog
      title={`Owners of ${path}`}
      testId="owners-dialog"
      description={`Owners now: ${governingOwners(path, records).join(', ') || 'nobody'}. Co-owners approve changes here.`}
      submitLabel="Add co-owners"
      failedAction="Could not add co-owners"
      onClose={() => close(null)}
      onSubmit={async () => {
        if (!service) throw new Error('Connect to a team server first');
        await service.addOwners(path, names.split(/[\s,]+/));
      }}
    >
      <label className="field">
        <span>Add (user names, comma separated)</span>
        <input
          value={names}
          onChange={(e) => setNames(e.target.value)}
          data-testid="owners-add"
          data-autofocus=""
        />
      </label>
    </FormDialog>
  );
}
