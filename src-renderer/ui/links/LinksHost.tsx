import { X } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { linkFacts, linkedNamespaces } from '../../../src-shared/links/facts.js';
import { parseLock } from '../../../src-shared/links/lock.js';
import {
  ageText,
  linkStatus,
  shortCommit,
  statusSummary,
  type LinkStatusRow,
} from '../../../src-shared/links/status.js';
import { previewLinkPull, refreshLinks, viewOf } from '../../links/links-actions.js';
import { atLockKey, useLinks } from '../../state/links-slice.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { useNow } from '../common/useNow.js';
import { LinkForm } from './LinkForm.js';
import { LinkPushPanel, usePushFold } from './LinkPush.js';
import { ChangedItems } from './ChangedItems.js';
import { PullPanel } from './PullPanel.js';
import { PullPreviewTable } from './PullPreviewTable.js';
import { SetAsideList } from './SetAsideList.js';
import '../conflicts/conflicts.css';
import './links.css';

/**
 * The status report of linked namespaces: one row per namespace (status,
 * local and upstream commit, last sync, when upstream was last asked), the
 * summary line, and the changed items of the selected row. Everything is
 * derived from the items and main's last answers (src-shared/links).
 */
export function LinksHost() {
  const open = useLinks((s) => s.open);
  if (!open) return null;
  return <LinksScreen />;
}

function LinksScreen() {
  const { bridge, workspace } = useServices();
  const snapshot = useSnapshot();
  const { upstream, atLock, busy, error, selected, show, select, preview } = useLinks();
  const now = useNow();
  const views = useMemo(() => snapshot.items.map(viewOf), [snapshot.items]);
  const foldPush = usePushFold();
  const rows = useMemo(
    () =>
      linkedNamespaces(views).map(({ namespace, lockContent }) => {
        const parsed = parseLock(lockContent);
        const files = parsed.ok ? atLock[atLockKey(namespace, parsed.lock.commit)] : undefined;
        const facts = foldPush(
          linkFacts(
            namespace,
            views,
            files ? new Map(Object.entries(files)) : null,
            upstream[namespace] ?? null,
          ),
        );
        return { row: linkStatus(facts), facts, atLock: files };
      }),
    [views, atLock, upstream, foldPush],
  );
  const linkedCount = rows.length;
  useEffect(() => {
    void refreshLinks(bridge, workspace);
  }, [bridge, workspace, linkedCount]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) show(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);
  const chosen = rows.find(({ row }) => row.namespace === selected);

  return (
    <div
      className="conflicts-screen"
      role="dialog"
      aria-modal="true"
      aria-label="Linked namespaces"
      data-testid="links-screen"
    >
      <div className="conflicts-bar">
        <strong>Linked namespaces</strong>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={busy}
          data-testid="links-refresh"
          onClick={() => void refreshLinks(bridge, workspace)}
        >
          {busy ? 'Checking upstream…' : 'Check upstream'}
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label="Close"
          data-testid="links-close"
          onClick={() => show(false)}
        >
          <X size={14} aria-hidden />
        </button>
      </div>
      <div className="conflicts-content links-content">
        {error && (
          <p className="links-error" role="alert" data-testid="links-error">
            {error}
          </p>
        )}
        <table className="links-table" data-testid="links-table">
          <thead>
            <tr>
              <th>Namespace</th>
              <th>Status</th>
              <th>Local</th>
              <th>Upstream</th>
              <th>Last sync</th>
              <th>Upstream checked</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ row }) => (
              <StatusRow
                key={row.namespace}
                row={row}
                now={now}
                selected={row.namespace === selected}
                onSelect={() => select(row.namespace)}
              />
            ))}
          </tbody>
        </table>
        <p className="links-summary" data-testid="links-summary">
          {statusSummary(rows.map((r) => r.row))}
        </p>
        {chosen && (
          <section className="links-detail" data-testid="links-detail">
            <strong className="mono">{chosen.row.namespace}</strong> <span>{chosen.row.detail}</span>
            {chosen.facts.lock && (
              <p className="muted mono">
                {chosen.facts.lock.repository} · {chosen.facts.lock.path || '(whole repository)'} ·{' '}
                {chosen.facts.lock.constraint.kind === 'version'
                  ? chosen.facts.lock.constraint.range
                  : `branch ${chosen.facts.lock.constraint.branch}`}
              </p>
            )}
            <ChangedItems
              paths={chosen.facts.changedItems}
              conflicted={chosen.facts.conflictedItems}
              atLock={chosen.atLock}
              items={views}
            />
            {chosen.facts.lock && (
              <div className="row-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy}
                  data-testid="links-preview-pull"
                  onClick={() => void previewLinkPull(bridge, workspace, chosen.row.namespace)}
                >
                  Preview pull
                </button>
              </div>
            )}
            {preview?.namespace === chosen.row.namespace && <PullPreviewTable shown={preview} />}
            {chosen.facts.lock && <PullPanel namespace={chosen.row.namespace} />}
            <SetAsideList namespace={chosen.row.namespace} />
            <LinkPushPanel facts={chosen.facts} atLock={chosen.atLock} />
          </section>
        )}
        <LinkForm />
      </div>
    </div>
  );
}

function StatusRow({
  row,
  now,
  selected,
  onSelect,
}: {
  row: LinkStatusRow;
  now: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const version = (v: string | null, commit: string | null) =>
    v ? `${v} · ${shortCommit(commit)}` : shortCommit(commit);
  return (
    <tr
      className={selected ? 'selected' : undefined}
      data-testid={`link-row-${row.namespace}`}
      onClick={onSelect}
    >
      <td className="mono">{row.namespace}</td>
      <td>
        <span
          className={`link-status link-status-${row.status}`}
          data-testid="link-status"
          title={row.detail}
        >
          {row.status}
        </span>
        {row.outdated && row.status !== 'outdated' && (
          <span className="link-status link-status-outdated">outdated</span>
        )}
      </td>
      <td className="mono">{version(row.localVersion, row.localCommit)}</td>
      <td className="mono">{row.upstreamCommit ? version(row.upstreamVersion, row.upstreamCommit) : '—'}</td>
      <td>{ageText(row.lastSyncAt, now)}</td>
      <td>{ageText(row.upstreamCheckedAt, now)}</td>
    </tr>
  );
}
