/** Where approval replication keeps its place in the local meta store. */
export const approvalKeys = {
  checkpoint: 'sync.checkpoint.approvals',
} as const;

export const SUBMIT_TYPE = 'submit_approval_request';

/** One queue entry per submission round: a revision is a new intent. */
export const submitKey = (requestId: string, round: number) => `${SUBMIT_TYPE}:${requestId}:${round}`;
