import { FilePen, FilePlus2, FileX2, GitMerge, PencilLine, type LucideIcon } from 'lucide-react';
import type { ItemState, Op, OpType } from '../../../src-shared/model/index.js';
import { decodeHlc } from '../../../src-shared/clock/hlc.js';
import { useUi } from '../../state/ui-slice.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { EmptyState } from '../common/EmptyState.js';
import { KindBadge } from '../common/KindBadge.js';
import { useNow } from '../common/useNow.js';
import { opLabel, absoluteTime, relativeTime } from '../format.js';
import { VersionView } from './VersionView.js';
import { PendingMark } from '../approvals/PendingMark.js';

const OP_ICONS: Record<OpType, LucideIcon> = {
  create: FilePlus2,
  update: FilePen,
  rename: PencilLine,
  delete: FileX2,
  merge: GitMerge,
};

function opTime(op: Op): number {
  return decodeHlc(op.hlc).wall;
}

interface EntryProps {
  op: Op;
  selected: boolean;
  /** The op is one of the versions in conflict right now. */
  conflictSide: boolean;
  now: number;
  onSelect: () => void;
}

function HistoryEntry({ op, selected, conflictSide, now, onSelect }: EntryProps) {
  const Icon = OP_ICONS[op.type];
  const at = opTime(op);
  return (
    <button
      type="button"
      className={`history-entry${selected ? ' is-selected' : ''}`}
      aria-pressed={selected}
      data-testid="history-entry"
      data-op-id={op.id}
      data-op-type={op.type}
      onClick={onSelect}
    >
      <Icon size={14} aria-hidden className={`op-icon op-${op.type}`} />
      <span className="history-main">
        <span className="history-line">
          <strong>{opLabel(op)}</strong> by {op.author}
          {conflictSide && (
            <span className="history-tag" data-testid="history-conflict-side">
              in conflict
            </span>
          )}
          <PendingMark ops={[op]} testId="history-pending-mark" />
        </span>
        <span className="history-sub">
          <time dateTime={new Date(at).toISOString()} title={absoluteTime(at)}>
            {relativeTime(at, now)}
          </time>
          <span className="history-path">{op.path}</span>
        </span>
      </span>
    </button>
  );
}

/** The version a version was made from (its first parent held here), or null for the first one. */
function previousOf(op: Op, ops: readonly Op[]): Op | null {
  for (const parent of op.parents) {
    const found = ops.find((o) => o.id === parent);
    if (found) return found;
  }
  return null;
}

/** The item's ops, newest first; the chosen one's changes (or content) are shown beside the list. */
export function HistoryPanel({ item }: { item: ItemState }) {
  const workspace = useWorkspace();
  const now = useNow();
  const chosenId = useUi((s) => s.historyOpId);
  const choose = useUi((s) => s.setHistoryOp);
  const ops = workspace.history(item.itemId);
  const shown = ops.find((o) => o.id === chosenId) ?? ops[0];
  if (!shown) return <EmptyState title="No history yet" testId="history-empty" />;
  const at = opTime(shown);
  return (
    <div className="history" data-testid="history">
      <div
        className="history-list"
        role="group"
        aria-label="Versions, newest first"
        data-testid="history-list"
      >
        {ops.map((op) => (
          <HistoryEntry
            key={op.id}
            op={op}
            now={now}
            selected={op.id === shown.id}
            conflictSide={item.conflict !== null && item.heads.includes(op.id)}
            onSelect={() => choose(op.id)}
          />
        ))}
      </div>
      <div className="history-viewer" data-testid="history-viewer">
        <div className="history-viewer-header">
          <KindBadge kind={shown.kind} />
          <span className="history-viewer-path">{shown.path}</span>
          <span className="history-viewer-meta">
            {opLabel(shown)} by {shown.author} · {absoluteTime(at)}
          </span>
        </div>
        <VersionView item={item} version={shown} before={previousOf(shown, ops)} />
      </div>
    </div>
  );
}
