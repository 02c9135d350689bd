import type { RxDatabase } from 'rxdb';
import { logWarning } from '../log/report.js';

/**
 * Which tab runs sync for this database. Every tab and window of one profile
 * opens the same IndexedDB; RxDB's leader-election plugin (over the same
 * BroadcastChannel that carries its change events, and the browser's Web
 * Locks where they exist, so a closed or crashed leader frees the role at
 * once) picks exactly one of them. A tab that leads keeps leading until it
 * closes its database.
 */
export interface Leadership {
  /** True while this tab is the one that runs sync and the queue. */
  isLeader(): boolean;
  /** Resolves when this tab becomes the leader (at once if it is); never while another tab leads. */
  whenLeader(): Promise<void>;
}

type Elects = Pick<RxDatabase, 'isLeader' | 'leaderElector' | 'waitForLeadership'>;

export function leadershipOf(rx: Elects): Leadership {
  let elected: Promise<void> | null = null;
  return {
    isLeader: () => rx.isLeader(),
    whenLeader: () => {
      // The election starts on the first ask: a tab that never syncs never competes.
      elected ??= startElection(rx);
      return elected;
    },
  };
}

async function startElection(rx: Elects): Promise<void> {
  const elector = rx.leaderElector();
  // Two leaders at once happens only when a tab was frozen for long; both then run, and the server's
  // idempotent push keeps that harmless. Worth a line in the log, not a stop.
  elector.onduplicate = () => logWarning('Two tabs led sync for a moment', new Error('duplicate leader'));
  await rx.waitForLeadership();
}
