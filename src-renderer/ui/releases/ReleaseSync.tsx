import {
  listedSyncRows,
  releaseSyncSummary,
  type ListedRelease,
  type ReleaseMode,
  type ReleaseSyncRow,
} from '../../../src-shared/releases/index.js';
import { useReleases, useReleasesOnline } from '../../state/releases-slice.js';

const MODES: { mode: ReleaseMode; label: string; says: string }[] = [
  { mode: 'local', label: 'Local', says: 'Releases stay on this computer; nothing is sent or read.' },
  {
    mode: 'hybrid',
    label: 'Hybrid',
    says: 'Drafts and proofs stay here; promoting sends the release to the server. Pull to see the server’s.',
  },
  {
    mode: 'cloud',
    label: 'Cloud',
    says: 'Every draft, proof and promotion goes to the server as you make it.',
  },
];

/** Where this namespace's releases live: local, hybrid or cloud (kept per namespace on this computer). */
export function ModePicker() {
  const namespace = useReleases((s) => s.namespace) ?? '';
  const mode = useReleases((s) => s.modeOf(namespace));
  const setMode = useReleases((s) => s.setMode);
  const hasServer = useReleases((s) => s.api !== null);
  const says = MODES.find((m) => m.mode === mode)?.says ?? '';
  return (
    <label className="rel-inline" title={says}>
      Mode
      <select
        value={mode}
        data-testid="releases-mode"
        onChange={(e) => void setMode(namespace, e.target.value as ReleaseMode)}
      >
        {MODES.map((m) => (
          <option key={m.mode} value={m.mode} disabled={m.mode !== 'local' && !hasServer}>
            {m.label}
            {m.mode !== 'local' && !hasServer ? ' (needs a server)' : ''}
          </option>
        ))}
      </select>
      <span className="muted" data-testid="releases-mode-says">
        {says}
      </span>
    </label>
  );
}

const STATE_WORDS: Record<ReleaseSyncRow['state'], string> = {
  'local only': 'local only',
  'server only': 'on the server only',
  'in sync': 'in sync',
  behind: 'behind: the server changed it',
  ahead: 'ahead: your changes wait to be sent',
  diverged: 'diverged: the server has this version too',
};

/**
 * The status view (the reference's "sync status"): releases only here,
 * only on the server, behind, ahead or diverged, and one summary line;
 * in hybrid mode, Pull takes in the server's list.
 */
export function SyncStatus({ listed }: { listed: readonly ListedRelease[] }) {
  const namespace = useReleases((s) => s.namespace) ?? '';
  const mode = useReleases((s) => s.modeOf(namespace));
  const latest = useReleases((s) => s.latest);
  const pull = useReleases((s) => s.pull);
  const busy = useReleases((s) => s.busy);
  const online = useReleasesOnline();
  if (mode === 'local')
    return (
      <p className="muted" role="status" data-testid="releases-sync-summary">
        Local mode: {listed.length} release{listed.length === 1 ? '' : 's'} on this computer, none sent.
      </p>
    );
  const inNamespace = latest?.filter((r) =>
    r.namespaces.some((ns) => ns === namespace || ns.startsWith(`${namespace}.`)),
  );
  const rows = listedSyncRows(listed, inNamespace ?? null);
  const notable = rows.filter((row) => row.state !== 'in sync');
  const behind = rows.some((row) => row.state === 'behind' || row.state === 'server only');
  return (
    <section className="appr-section" aria-label="Sync status" data-testid="releases-sync-status">
      <div className="row-actions rel-toolbar">
        <strong role="status" data-testid="releases-sync-summary">
          {releaseSyncSummary(rows)}
        </strong>
        {latest === null && <span className="muted">(the server’s list could not be read yet)</span>}
        <span className="spacer" />
        {mode === 'hybrid' && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || !online || !behind}
            title={!online ? 'Offline: pull once the server answers' : behind ? undefined : 'Nothing to pull'}
            data-testid="releases-pull"
            onClick={() => void pull()}
          >
            Pull
          </button>
        )}
      </div>
      {notable.length > 0 && (
        <ul className="rel-sync-rows">
          {notable.map((row) => (
            <li key={row.id} data-testid={`releases-sync-${row.version}`}>
              <span className="mono">{row.version}</span> {STATE_WORDS[row.state]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
