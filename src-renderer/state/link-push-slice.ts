import { create } from 'zustand';
import type { LinkStep } from '../../src-shared/links/push-queue.js';
import type { StepQueue } from '../mirror/git-queue.js';

/** What the Push panel shows while a push runs and after: its namespace, and main's words or a failure. */
export interface PushOutcome {
  namespace: string;
  state: 'running' | 'done' | 'queued' | 'failed';
  message: string;
}

/**
 * Pushing linked namespaces: the forges that have a token (never the
 * token), and the push that runs or last ran. Each namespace's last push is
 * team data, its `_push` item (src-shared/links/push-record.ts), read from
 * the workspace, never copied here.
 */
export interface LinkPushState {
  /** Namespaces pushed from this computer (main keeps their forks' records: only these can sync a fork). */
  pushedHere: string[];
  forges: string[];
  outcome: PushOutcome | null;
  /** The runner of linked namespaces' queue entries (null before boot and after stop). */
  queue: StepQueue<LinkStep> | null;
}

export const useLinkPush = create<LinkPushState>()(() => ({
  pushedHere: [],
  forges: [],
  outcome: null,
  queue: null,
}));
