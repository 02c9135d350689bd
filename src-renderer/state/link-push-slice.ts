import { create } from 'zustand';
import type { LinkStep } from '../../src-shared/links/push-queue.js';
import type { PushRecord } from '../../src-shared/links/push-plan.js';
import type { StepQueue } from '../mirror/git-queue.js';

/** What the Push panel shows while a push runs and after: its namespace, and main's words or a failure. */
export interface PushOutcome {
  namespace: string;
  state: 'running' | 'done' | 'queued' | 'failed';
  message: string;
}

/**
 * Pushing linked namespaces: main's record of each namespace's last push
 * (where it went, the pull request and its state), the forges that have a
 * token (never the token), and the push that runs or last ran.
 */
export interface LinkPushState {
  records: Record<string, PushRecord>;
  forges: string[];
  outcome: PushOutcome | null;
  /** The runner of linked namespaces' queue entries (null before boot and after stop). */
  queue: StepQueue<LinkStep> | null;
}

export const useLinkPush = create<LinkPushState>()(() => ({
  records: {},
  forges: [],
  outcome: null,
  queue: null,
}));
