/**
 * The reliability verdict shared by the fault-injection tests and `npm run
 * soak`: given what the server stores and what every replica holds, which ops
 * were lost, which were duplicated, and whether the replicas agree.
 */

export interface ReplicaState {
  name: string;
  /** Every op id in the replica's local database (a repeat would be a duplicate). */
  opIds: readonly string[];
  /** The replica's materialized view (item paths and contents), sorted. */
  view: readonly string[];
}

export interface ReliabilityVerdict {
  /** Ops someone created (or a replica holds) that the server or a replica lacks. */
  lost: string[];
  /** Op ids that appear twice on the server or in one replica. */
  duplicated: string[];
  /** Every replica holds exactly the server's ops and shows the same view. */
  converged: boolean;
  /** Why not converged, for the failure message. */
  differences: string[];
}

function repeats(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/**
 * `created`: op ids the clients reported stored locally (the driver's
 * journal). `serverIds`: every op row on the server, one entry per row.
 */
export function judgeReplicas(
  created: Iterable<string>,
  serverIds: readonly string[],
  replicas: readonly ReplicaState[],
): ReliabilityVerdict {
  const onServer = new Set(serverIds);
  const lost = new Set<string>();
  for (const id of created) if (!onServer.has(id)) lost.add(id);
  const duplicated = new Set(repeats(serverIds));
  const differences: string[] = [];
  for (const replica of replicas) {
    for (const id of repeats(replica.opIds)) duplicated.add(id);
    const held = new Set(replica.opIds);
    for (const id of held) if (!onServer.has(id)) lost.add(id); // made locally, never reached the server
    const missing = [...onServer].filter((id) => !held.has(id));
    if (missing.length > 0) differences.push(`${replica.name} lacks ${missing.length} server ops`);
    for (const id of created) if (!held.has(id)) lost.add(id);
  }
  const first = replicas[0];
  for (const replica of replicas.slice(1)) {
    if (first && JSON.stringify(replica.view) !== JSON.stringify(first.view)) {
      differences.push(`${replica.name}'s view differs from ${first.name}'s`);
    }
  }
  return { lost: [...lost], duplicated: [...duplicated], converged: differences.length === 0, differences };
}
