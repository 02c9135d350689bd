import type { LocalApproval } from '../../../src-shared/approvals/index.js';
import type { Op } from '../../../src-shared/model/index.js';
import { RequestForm } from './RequestForm.js';
import { useAwaitingOps } from './useAwaitingOps.js';

const ownedAndLive = (op: Op | undefined): op is Op => op !== undefined && op.status !== 'rejected';

/** A new request, or a draft / rejected one being edited: the changes it can hold, once they are read. */
export function RequestComposer({ editing, onDone }: { editing: LocalApproval | null; onDone: () => void }) {
  const { byId, awaiting, loaded } = useAwaitingOps();
  if (!loaded) return <p className="muted appr-pane">Reading your changes…</p>;
  const held = editing ? editing.opIds.map((id) => byId.get(id)).filter(ownedAndLive) : [];
  return <RequestForm choices={[...held, ...awaiting]} byId={byId} editing={editing} onDone={onDone} />;
}
