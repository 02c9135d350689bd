import { create } from 'zustand';
import type { LocalApproval, LocalApprovalState } from '../../src-shared/approvals/index.js';
import type { QueueEntry } from '../../src-shared/model/index.js';
import type { ApprovalService } from '../sync/approvals/index.js';

/**
 * Approval requests as the UI shows them: the service (null while no server
 * is configured), every local record, and each request's queued submission.
 * The local database owns the data; this slice re-renders on its changes.
 */
export interface ApprovalsSliceState {
  service: ApprovalService | null;
  requests: LocalApproval[];
  /** The submission entry of each request (by request id), when one is queued. */
  submissions: Record<string, QueueEntry>;
  setService: (service: ApprovalService | null) => void;
  setData: (requests: LocalApproval[], submissions: Record<string, QueueEntry>) => void;
}

export const useApprovals = create<ApprovalsSliceState>()((set) => ({
  service: null,
  requests: [],
  submissions: {},
  setService: (service) => set({ service }),
  setData: (requests, submissions) => set({ requests, submissions }),
}));

/**
 * The state a person sees: a queued submission the runner gave up on is
 * "failed", and one whose entry was discarded from the queue is a draft again.
 */
export function shownState(request: LocalApproval, entry: QueueEntry | undefined): LocalApprovalState {
  if (request.state !== 'pending_submission') return request.state;
  if (!entry) return 'draft';
  return entry.status === 'failed' ? 'failed' : 'pending_submission';
}

export const STATE_LABELS: Record<LocalApprovalState, string> = {
  draft: 'Draft',
  pending_submission: 'Pending submission',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  failed: 'Failed to submit',
};
