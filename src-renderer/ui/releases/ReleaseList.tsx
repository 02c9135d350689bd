import { useState } from 'react';
import { newestFirst } from '../../../src-shared/releases/index.js';
import { type ListedRelease } from '../../../src-shared/releases/index.js';
import type { Release } from '../../../src-shared/sync-protocol/index.js';
import { useReleases, useShownReleases } from '../../state/releases-slice.js';
import { useSnapshot } from '../../state/workspace-store.js';
import { absoluteTime } from '../format.js';
import { ReleaseStatusChip } from './ReleaseStatusChip.js';
import { ModePicker, SyncStatus } from './ReleaseSync.js';

/** The namespace's releases, newest version first; New release; compare two promoted ones. */
export function ReleaseList() {
  const releases = useShownReleases();
  const show = useReleases((s) => s.show);
  const error = useReleases((s) => s.error);
  const ordered = byVersion(releases);
  return (
    <section className="appr-pane rel-list" data-testid="release-list">
      <div className="row-actions rel-toolbar">
        <NamespacePicker />
        <ModePicker />
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="release-new"
          onClick={() => show({ kind: 'new' })}
        >
          New release
        </button>
      </div>
      {error && (
        <p className="dialog-error" role="alert" data-testid="releases-error">
          {error}
        </p>
      )}
      {ordered.length === 0 && <p className="muted">No releases in this namespace yet.</p>}
      <ul className="rel-rows" aria-label="Releases">
        {ordered.map((release) => (
          <li key={release.id}>
            <button
              type="button"
              className="appr-row rel-row"
              data-testid={`release-row-${release.version}`}
              onClick={() => show({ kind: 'release', id: release.id })}
            >
              <strong className="mono">{release.version}</strong>
              <ReleaseStatusChip release={release} />
              {(release.queued || release.kept) && (
                <span className="appr-chip appr-chip-pending_submission">{queuedLabel(release)}</span>
              )}
              <span className="muted">
                {release.changes.length} change{release.changes.length === 1 ? '' : 's'}
              </span>
              <span className="spacer" />
              <span className="muted">{rowLine(release)}</span>
            </button>
          </li>
        ))}
      </ul>
      <SyncStatus listed={ordered} />
      <Compare releases={ordered.filter((r) => r.status === 'promoted')} />
    </section>
  );
}

function queuedLabel(release: ListedRelease): string {
  if (release.kept === 'local') return 'Kept on this computer';
  if (release.kept === 'hybrid') return 'Local until promoted';
  return release.queued === 'local only' ? 'Local only: waits to be sent' : 'Changes wait to be sent';
}

function rowLine(release: Release): string {
  if (release.status === 'promoted')
    return `promoted by ${release.promotedBy ?? '?'} ${absoluteTime(release.promotedAt ?? 0)}`;
  return `${release.gate.ready ? 'ready for promotion' : 'not ready'} · drafted by ${release.createdBy}`;
}

function byVersion<T extends Release>(releases: readonly T[]): T[] {
  const order = newestFirst(releases.map((r) => r.version));
  return [...releases].sort((a, b) => order.indexOf(a.version) - order.indexOf(b.version));
}

/** Which top-level namespace's releases are shown. */
function NamespacePicker() {
  const namespace = useReleases((s) => s.namespace);
  const open = useReleases((s) => s.open);
  const snapshot = useSnapshot();
  const tops = [...new Set(snapshot.namespaces.map((n) => n.path.split('.')[0] ?? ''))].filter(Boolean);
  if (namespace && !tops.includes(namespace)) tops.push(namespace);
  return (
    <label className="rel-inline">
      Namespace
      <select value={namespace ?? ''} data-testid="releases-namespace" onChange={(e) => open(e.target.value)}>
        {tops.map((path) => (
          <option key={path} value={path}>
            {path}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Pick two promoted releases and see what changed between them. */
function Compare({ releases }: { releases: Release[] }) {
  const show = useReleases((s) => s.show);
  const [fromId, setFrom] = useState('');
  const [toId, setTo] = useState('');
  if (releases.length < 2) return null;
  const from = fromId || (releases[1]?.id ?? '');
  const to = toId || (releases[0]?.id ?? '');
  const pick = (value: string, onChange: (id: string) => void, testId: string, label: string) => (
    <label className="rel-inline">
      {label}
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {releases.map((r) => (
          <option key={r.id} value={r.id}>
            {r.version}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="appr-section" aria-label="Compare releases">
      <h3>Compare two releases</h3>
      <div className="row-actions rel-toolbar">
        {pick(from, setFrom, 'release-compare-from', 'From')}
        {pick(to, setTo, 'release-compare-to', 'To')}
        <button
          type="button"
          className="btn"
          data-testid="release-compare"
          disabled={from === to}
          onClick={() => show({ kind: 'diff', fromId: from, toId: to })}
        >
          Compare
        </button>
        <span className="spacer" />
      </div>
    </section>
  );
}
