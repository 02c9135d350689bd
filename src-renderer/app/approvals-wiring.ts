import type { LocalApproval } from '../../src-shared/approvals/index.js';
import type { QueueEntry } from '../../src-shared/model/index.js';
import { useApprovals } from '../state/approvals-slice.js';
import { useToasts } from '../state/toast-slice.js';
import { ApprovalService, type ApprovalServiceDeps } from '../sync/approvals/index.js';
import { SUBMIT_TYPE } from '../sync/approvals/keys.js';
import { logError } from '../log/report.js';

/**
 * Runs the approval service while the sync engine runs: mirrors the local
 * requests and their queued submissions into the slice, and tells the user
 * when a request of theirs is decided or one arrives for them to review.
 * Returns a stop function.
 */
export function startApprovalsWiring(deps: ApprovalServiceDeps): () => void {
  const service = new ApprovalService(deps);
  useApprovals.getState().setService(service);
  let seen: Map<string, string> | null = null;
  let stopped = false;
  const reload = async () => {
    const [requests, entries] = await Promise.all([deps.db.approvals.all(), deps.db.queue.all()]);
    if (stopped) return;
    if (seen) announce(seen, requests, deps.user);
    seen = new Map(requests.map((r) => [r.id, r.state]));
    useApprovals.getState().setData(requests, submissionsOf(entries));
  };
  const refresh = () =>
    void reload().catch((err: unknown) => logError('Could not reload the approval requests', err));
  const stops = [deps.db.approvals.changes(refresh), deps.db.queue.changes(refresh)];
  refresh();
  return () => {
    stopped = true;
    for (const stop of stops) stop();
    useApprovals.getState().setService(null);
  };
}

function submissionsOf(entries: readonly QueueEntry[]): Record<string, QueueEntry> {
  const out: Record<string, QueueEntry> = {};
  for (const entry of entries) {
    const requestId = (entry.payload as { requestId?: unknown } | null)?.requestId;
    if (entry.type === SUBMIT_TYPE && typeof requestId === 'string') out[requestId] = entry;
  }
  return out;
}

/** Toasts for decisions on the user's requests and for new requests to review. */
export function announce(
  before: Map<string, string>,
  requests: readonly LocalApproval[],
  user: string,
): void {
  const toasts = useToasts.getState();
  for (const request of requests) {
    const was = before.get(request.id);
    if (was === request.state) continue;
    const message = noticeFor(request, was, user);
    if (message) toasts.show({ ...message, testId: 'approval-toast' });
  }
}

function noticeFor(
  request: LocalApproval,
  was: string | undefined,
  user: string,
): { message: string; tone: 'info' | 'success' | 'error' } | null {
  const by = request.server?.decidedBy ?? 'An owner';
  const comment = request.server?.comments.at(-1)?.text;
  if (request.author === user) {
    if (request.state === 'approved')
      return { message: `${by} approved “${request.title}”`, tone: 'success' };
    if (request.state === 'rejected') {
      return { message: `${by} rejected “${request.title}”${comment ? `: ${comment}` : ''}`, tone: 'error' };
    }
    return null;
  }
  if (request.state === 'submitted' && was !== 'submitted') {
    return { message: `${request.author} asks for approval: “${request.title}”`, tone: 'info' };
  }
  return null;
}
