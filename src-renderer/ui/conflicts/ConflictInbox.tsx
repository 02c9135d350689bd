import { useEffect, useMemo, useState } from 'react';
import {
  CONFLICT_POLICIES,
  openSession,
  splitSides,
  type BatchPreviewRow,
  type ConflictPolicy,
  type Side,
} from '../../../src-shared/conflicts/index.js';
import { splitPath } from '../../../src-shared/model/index.js';
import type { AuditEntry, ConflictEntry } from '../../workspace/conflicts.js';
import { toastError, useToasts } from '../../state/toast-slice.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { PendingMark } from '../approvals/PendingMark.js';
import { relativeTime } from './when.js';
import { useConflictsUi } from './conflicts-ui.js';

/** Every conflicted item on main and the open branches; filters, batch take-a-side, the auto-resolved log. */
export function ConflictInbox({ tab }: { tab: 'open' | 'auto' }) {
  const show = useConflictsUi((s) => s.show);
  const snapshot = useSnapshot();
  const { workspace } = useServices();
  const entries = useMemo(() => workspace.conflicts.all(), [workspace, snapshot.version]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="conflict-inbox" data-testid="conflict-inbox" aria-label="Conflict inbox">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === 'open'}
          data-testid="inbox-tab-open"
          onClick={() => show({ kind: 'inbox', tab: 'open' })}
        >
          Open <span className="tab-count">{entries.length}</span>
        </button>
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === 'auto'}
          data-testid="inbox-tab-auto"
          onClick={() => show({ kind: 'inbox', tab: 'auto' })}
        >
          Auto-resolved
        </button>
      </div>
      {tab === 'open' ? <OpenConflicts entries={entries} /> : <AutoResolved />}
    </section>
  );
}

function OpenConflicts({ entries }: { entries: ConflictEntry[] }) {
  const { workspace } = useServices();
  const snapshot = useSnapshot();
  const show = useConflictsUi((s) => s.show);
  const [ns, setNs] = useState('');
  const [branch, setBranch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<{ side: Side; branchId: string; rows: BatchPreviewRow[] } | null>(
    null,
  );
  const branchName = (id: string) =>
    id === 'main' ? 'main' : (snapshot.branches.find((b) => b.id === id)?.name ?? id);
  const namespaces = [...new Set(entries.map((e) => splitPath(e.item.path).namespace))].sort();
  const branches = [...new Set(entries.map((e) => e.branchId))];
  const shown = entries.filter(
    (e) => (!ns || splitPath(e.item.path).namespace.startsWith(ns)) && (!branch || e.branchId === branch),
  );
  const key = (e: ConflictEntry) => `${e.branchId}:${e.item.itemId}`;
  const chosen = shown.filter((e) => selected.has(key(e)));

  const open = (e: ConflictEntry) => {
    const session = openSession({
      itemId: e.item.itemId,
      conflict: e.item.conflict!,
      heads: e.item.heads,
      instanceId: workspace.conflicts.instanceId,
    });
    show({ kind: 'resolver', session, target: { kind: 'item', branchId: e.branchId }, path: e.item.path });
  };
  const batch = (side: Side) => {
    const branchIds = [...new Set(chosen.map((e) => e.branchId))];
    if (branchIds.length !== 1)
      return toastError('Pick conflicts of one branch for a batch (filter by branch)');
    const branchId = branchIds[0] as string;
    setPreview({
      side,
      branchId,
      rows: workspace.conflicts.previewBatch(
        chosen.map((e) => e.item.itemId),
        side,
        branchId,
      ),
    });
  };
  const apply = async () => {
    if (!preview) return;
    try {
      const { ops, skipped } = await workspace.conflicts.applyBatch(preview.rows, preview.branchId);
      useToasts.getState().show({
        tone: 'success',
        message: `Resolved ${ops.length} conflict${ops.length === 1 ? '' : 's'}${skipped.length ? `; ${skipped.length} changed meanwhile and were left open` : ''}`,
      });
      setPreview(null);
      setSelected(new Set());
    } catch (error) {
      toastError(error instanceof Error ? error.message : String(error));
    }
  };

  if (preview) {
    return (
      <div className="batch-preview" data-testid="batch-preview">
        <h3>
          Take {preview.side} for {preview.rows.length} item{preview.rows.length === 1 ? '' : 's'}?
        </h3>
        <ul className="batch-rows">
          {preview.rows.map((row) => (
            <li key={row.itemId} data-testid={`batch-row-${row.path}`}>
              <span className="mono">{row.path}</span>
              {row.newPath && <span className="mono"> → {row.newPath}</span>}
              <span className="muted"> — {row.summary}</span>
            </li>
          ))}
        </ul>
        <div className="row-actions">
          <button type="button" className="btn" onClick={() => setPreview(null)}>
            Back
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="batch-apply"
            onClick={() => void apply()}
          >
            Apply to {preview.rows.length}
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <div className="inbox-toolbar">
        <label>
          Namespace{' '}
          <select value={ns} data-testid="inbox-filter-namespace" onChange={(e) => setNs(e.target.value)}>
            <option value="">All</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Branch{' '}
          <select
            value={branch}
            data-testid="inbox-filter-branch"
            onChange={(e) => setBranch(e.target.value)}
          >
            <option value="">All</option>
            {branches.map((b) => (
              <option key={b} value={b}>
                {branchName(b)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          data-testid="select-all"
          onClick={() => setSelected(new Set(shown.map(key)))}
        >
          Select all shown
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!chosen.length}
          data-testid="batch-take-local"
          onClick={() => batch('local')}
        >
          Take local ({chosen.length})
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!chosen.length}
          data-testid="batch-take-remote"
          onClick={() => batch('remote')}
        >
          Take remote ({chosen.length})
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="inbox-empty" data-testid="inbox-empty">
          No conflicts{entries.length ? ' match the filters' : ' — everything is in one piece'}.
        </p>
      ) : (
        <ul className="inbox-rows" role="list">
          {shown.map((e) => (
            <InboxRow
              key={key(e)}
              entry={e}
              branchName={branchName(e.branchId)}
              checked={selected.has(key(e))}
              onCheck={(on) =>
                setSelected((s) => {
                  const n = new Set(s);
                  if (on) n.add(key(e));
                  else n.delete(key(e));
                  return n;
                })
              }
              onOpen={() => open(e)}
            />
          ))}
        </ul>
      )}
      <PolicyEditor namespaces={namespaces} />
    </>
  );
}

function InboxRow(props: {
  entry: ConflictEntry;
  branchName: string;
  checked: boolean;
  onCheck: (on: boolean) => void;
  onOpen: () => void;
}) {
  const { workspace } = useServices();
  const { item } = props.entry;
  const sides = splitSides(item.conflict!, workspace.conflicts.instanceId);
  return (
    <li className="inbox-row" data-testid={`conflict-row-${item.path}`}>
      <input
        type="checkbox"
        aria-label={`Select ${item.path}`}
        checked={props.checked}
        onChange={(e) => props.onCheck(e.target.checked)}
      />
      <button type="button" className="inbox-open" onClick={props.onOpen}>
        <span className="mono inbox-path">{item.path}</span>
        <span className="conflict-kind">{item.conflict!.kind}</span>
        <span className="muted">on {props.branchName}</span>
        <span className="inbox-sides muted">
          {[sides.local, sides.remote].map((side, i) => (
            <span key={i === 0 ? 'local' : 'remote'}>
              {i > 0 && ' · '}
              {`${side.mine && sides.byMachine ? `You (${side.op.author})` : side.op.author} ${side.snapshot.deleted ? 'deleted it' : 'changed it'} ${relativeTime(side.op.hlc)}`}
              <PendingMark ops={side.ops} testId={`inbox-pending-${i === 0 ? 'local' : 'remote'}`} />
            </span>
          ))}
        </span>
      </button>
    </li>
  );
}

function PolicyEditor({ namespaces }: { namespaces: string[] }) {
  const { workspace } = useServices();
  const snapshot = useSnapshot();
  const all = [...new Set([...namespaces, ...snapshot.namespaces.map((n) => n.path)])].sort();
  const [ns, setNs] = useState('');
  const [policies, setPolicies] = useState(workspace.conflicts.getPolicies());
  const set = async (policy: ConflictPolicy) => {
    try {
      await workspace.conflicts.setPolicy(ns, policy);
      setPolicies(workspace.conflicts.getPolicies());
    } catch (error) {
      toastError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <details className="policy-editor">
      <summary>Automatic resolution per namespace</summary>
      <p className="muted">
        New conflicts in a namespace with a policy are settled by it; each one is logged under Auto-resolved,
        where you can reopen it.
      </p>
      <div className="inbox-toolbar">
        <select value={ns} data-testid="policy-namespace" onChange={(e) => setNs(e.target.value)}>
          <option value="">Namespace…</option>
          {all.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {CONFLICT_POLICIES.map((p) => (
          <button
            key={p}
            type="button"
            className="btn btn-small"
            disabled={!ns}
            data-testid={`policy-${p}`}
            onClick={() => void set(p)}
          >
            {p}
          </button>
        ))}
      </div>
      <ul>
        {Object.entries(policies).map(([n, p]) => (
          <li key={n}>
            <span className="mono">{n}</span>: {p}
          </li>
        ))}
      </ul>
    </details>
  );
}

function AutoResolved() {
  const { workspace } = useServices();
  const snapshot = useSnapshot();
  const branchName = (id: string) =>
    id === 'main' ? 'main' : (snapshot.branches.find((b) => b.id === id)?.name ?? 'a closed branch');
  const show = useConflictsUi((s) => s.show);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  useEffect(() => {
    // Read again when the workspace changes: a pull may have let a policy settle more conflicts.
    void workspace.conflicts.audit().then((a) => setEntries([...a].reverse()));
  }, [workspace, snapshot.version]);
  if (!entries) return null;
  if (!entries.length) return <p className="inbox-empty">No conflict was settled automatically.</p>;
  const reopen = (entry: AuditEntry) => {
    try {
      const session = workspace.conflicts.reopenSession(entry);
      show({
        kind: 'resolver',
        session,
        target: { kind: 'item', branchId: entry.branchId },
        path: entry.path,
        notice: 'Reopened: saving writes a new merge op.',
      });
    } catch (error) {
      toastError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <ul className="inbox-rows" data-testid="auto-resolved">
      {entries.map((e) => (
        <li key={e.opId} className="inbox-row" data-testid={`audit-row-${e.path}`}>
          <span className="mono inbox-path">{e.path}</span>
          <span className="muted">
            on {branchName(e.branchId)} · {e.policy}: kept {e.winner} · {new Date(e.at).toLocaleString()}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small"
            data-testid={`reopen-${e.path}`}
            onClick={() => reopen(e)}
          >
            Reopen
          </button>
        </li>
      ))}
    </ul>
  );
}
