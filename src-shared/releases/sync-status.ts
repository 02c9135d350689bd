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

/** A release on this computer as the list shows it (see ListedRelease). */
export interface ListedForStatus extends ServerRelease {
  kept: 'local' | 'hybrid' | null;
  queued: 'local only' | 'queued' | null;
}

/**
 * The status view's rows from what the list shows and the server's latest
 * list (null when it could not be read, or in local mode). A release kept
 * here or not sent yet is local only — diverged when the server has another
 * release of the same version; a release with writes waiting is ahead; one
 * the server changed since this computer pulled it is behind; one only the
 * server has is server only.
 */
export function listedSyncRows(
  listed: readonly ListedForStatus[],
  latest: readonly ServerRelease[] | null,
): ReleaseSyncRow[] {
  const onServer = new Map((latest ?? []).map((release) => [release.id, release]));
  const rows = listed.map((release): ReleaseSyncRow => {
    const remote = onServer.get(release.id);
    return { id: release.id, version: release.version, state: listedState(release, remote, latest) };
  });
  const known = new Set(listed.map((release) => release.id));
  for (const release of latest ?? [])
    if (!known.has(release.id)) rows.push({ id: release.id, version: release.version, state: 'server only' });
  return rows;
}

function listedState(
  release: ListedForStatus,
  remote: ServerRelease | undefined,
  latest: readonly ServerRelease[] | null,
): ReleaseSyncState {
  if (release.kept !== null || release.queued === 'local only') {
    const clash = latest?.some((r) => r.version === release.version && r.id !== release.id);
    return clash ? 'diverged' : 'local only';
  }
  const behind = remote !== undefined && remote.revision > release.revision;
  if (release.queued === 'queued') return behind ? 'diverged' : 'ahead';
  return behind ? 'behind' : 'in sync';
}
