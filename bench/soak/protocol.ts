/** Messages between the soak (parent) and each client driver (child process, IPC). */

export interface DriverStart {
  type: 'start';
  user: string;
  /** The client's host port (the host itself is the parent's to start and kill). */
  hostPort: number;
  /** The key the parent starts that host with (TETHER_BRIDGE_KEY), the same across its restarts. */
  bridgeKey: string;
  instanceId: string;
  /** Append-only file where the driver records each op it created and each ack, fsynced. */
  journalPath: string;
  seed: number;
}

export type ToDriver =
  DriverStart | { type: 'edit'; on: boolean } | { type: 'settle' } | { type: 'report' } | { type: 'close' };

export type FromDriver =
  | { type: 'ready' }
  | { type: 'settled'; ok: boolean; unacked: number; opCount: number; error?: string }
  | {
      type: 'report';
      opIds: string[];
      view: string[];
      writes: number;
      writeErrors: number;
      /** Ranges anti-entropy repaired on this client so far (0 in a healthy run). */
      repairs: number;
      /** Whether the anti-entropy check at this report reached the server (faults may stop it). */
      antiEntropyChecked: boolean;
    }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

/** Journal lines: `c <opId>` created locally, `a <opId>` acknowledged by the server. */
export function parseJournal(text: string): { created: Set<string>; acked: Set<string> } {
  const created = new Set<string>();
  const acked = new Set<string>();
  for (const line of text.split('\n')) {
    const [kind, id] = line.split(' ');
    if (!id) continue;
    if (kind === 'c') created.add(id);
    else if (kind === 'a') acked.add(id);
  }
  return { created, acked };
}
