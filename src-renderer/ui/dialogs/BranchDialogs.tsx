import { useState } from 'react';
import type { Branch } from '../../../src-shared/model/index.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { FormDialog } from '../common/FormDialog.js';
import { Field } from './Field.js';

/** Starts a branch from main and switches to it. */
export function NewBranchDialog({ onClose }: { onClose: () => void }) {
  const workspace = useWorkspace();
  const [name, setName] = useState('');
  return (
    <FormDialog
      title="New branch"
      testId="dialog-new-branch"
      submitLabel="Create branch"
      failedAction="Couldn't create the branch"
      onClose={onClose}
      onSubmit={async () => void (await workspace.createBranch(name.trim()))}
      submitDisabled={!name.trim()}
      description="The branch starts from main as it is on this computer now. You switch to it right away; main is not changed."
    >
      <Field
        label="Branch name"
        testId="new-branch-name"
        value={name}
        placeholder="feature-x"
        autoFocusField
        hint="Letters, digits, . _ / or -"
        onChange={(e) => setName(e.target.value)}
      />
    </FormDialog>
  );
}

/** Closes a branch for good; its ops stay in history. Going back to main happens if it was current. */
export function AbandonBranchDialog({ branch, onClose }: { branch: Branch; onClose: () => void }) {
  const workspace = useWorkspace();
  return (
    <FormDialog
      title={`Abandon “${branch.name}”?`}
      testId="dialog-abandon-branch"
      submitLabel="Abandon branch"
      failedAction="Couldn't abandon the branch"
      danger
      onClose={onClose}
      onSubmit={() => workspace.abandonBranch(branch.id)}
    >
      <p className="dialog-text">
        The branch closes and you go back to <strong>main</strong>. Its changes are not merged into main; they
        stay in the op history, so nothing is erased.
      </p>
    </FormDialog>
  );
}
