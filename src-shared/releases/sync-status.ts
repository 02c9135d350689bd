/** A release as this machine holds it; `syncedRevision` is null while it was never on the server. */
export interface LocalRelease {
  id: string;
  version: string;
  revision: number;
  syncedRevision: number | null;
}

export interface ServerRelease {
  id: string;
  version: string;
  revision: number;
}

export type ReleaseSyncState = 'local only' | 'server only' | 'in sync' | 'behind' | 'ahead' | 'diverged';

export interface ReleaseSyncRow {
  id: string;
  version: string;
  state: ReleaseSyncState;
}

/**
 * Where each release stands between this machine and the server. A local
 * release changed since its last sync is ahead; a server release with a newer
 * revision than the one synced is behind; both at once is diverged (pull, then
 * push). Local-only releases are never touched by a pull.
 */
export function releaseSyncRows(
  local: readonly LocalRelease[],
  server: readonly ServerRelease[],
): ReleaseSyncRow[] {
  const onServer = new Map(server.map((release) => [release.id, release]));
  const rows = local.map((release): ReleaseSyncRow => {
    const remote = onServer.get(release.id);
    return { id: release.id, version: release.version, state: localState(release, remote) };
  });
  const known = new Set(local.map((release) => release.id));
  for (const release of server) {
    if (!known.has(release.id)) rows.push({ id: release.id, version: release.version, state: 'server only' });
  }
  return rows;
}

function localState(release: LocalRelease, remote: ServerRelease | undefined): ReleaseSyncState {
  if (release.syncedRevision === null || !remote) return 'local only';
  const ahead = release.revision > release.syncedRevision;
  const behind = remote.revision > release.syncedRevision;
  if (ahead && behind) return 'diverged';
  if (ahead) return 'ahead';
  return behind ? 'behind' : 'in sync';
}

/** The one-line summary under the list: "Behind (1 server release not pulled)", "In sync", … */
export function releaseSyncSummary(rows: readonly ReleaseSyncRow[]): string {
  const count = (states: ReleaseSyncState[]) => rows.filter((row) => states.includes(row.state)).length;
  const behind = count(['server only', 'behind', 'diverged']);
  const ahead = count(['local only', 'ahead', 'diverged']);
  const parts = [
    behind > 0 ? `${behind} server release${behind === 1 ? '' : 's'} not pulled` : null,
    ahead > 0 ? `${ahead} local release${ahead === 1 ? '' : 's'} not pushed` : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return 'In sync';
  const word = behind > 0 && ahead > 0 ? 'Diverged' : behind > 0 ? 'Behind' : 'Ahead';
  return `${word} (${parts.join(', ')})`;
}
