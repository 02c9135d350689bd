import { ArchiveRestore, FilePlus2, FolderInput, PencilLine, Trash2, TriangleAlert } from 'lucide-react';
import { useEffect } from 'react';
import type { ItemState } from '../../../src-shared/model/index.js';
import { deleteItemWithUndo, restoreItem } from '../../app/actions.js';
import { runCommand } from '../../app/commands.js';
import { useUi } from '../../state/ui-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { EmptyState } from '../common/EmptyState.js';
import { KindBadge } from '../common/KindBadge.js';
import { SyncBadge } from '../common/SyncBadge.js';
import { CodeEditor } from './CodeEditor.js';
import { HistoryPanel } from './HistoryPanel.js';
import { EvictedHistoryNote } from './EvictedHistory.js';
import { SaveIndicator } from './SaveIndicator.js';
import { useAutosave } from './useAutosave.js';
import { YamlProblemsBar } from './YamlProblemsBar.js';
import { ResolveButton } from '../conflicts/ConflictsNav.js';
import { isUnapproved } from '../../../src-shared/approvals/index.js';
import { PendingMark } from '../approvals/PendingMark.js';
import { useApprovals } from '../../state/approvals-slice.js';

/** The right pane: the selected item's editor, or a hint when nothing is selected. */
export function ItemEditor({ shortcuts }: { shortcuts: { newItem: string; rename: string } }) {
  const workspace = useWorkspace();
  useSnapshot(); // re-render on every workspace change: the item, its badge and history are read below
  const selectedId = useUi((s) => s.selectedItemId);
  const item = selectedId ? workspace.item(selectedId) : undefined;
  if (!item) {
    return (
      <section className="pane editor-pane" aria-label="Editor" data-testid="editor">
        <EmptyState
          testId="editor-empty"
          icon={<FilePlus2 size={30} aria-hidden />}
          title="No item selected"
          action={
            <button type="button" className="btn" onClick={() => runCommand(workspace, 'item.new')}>
              New item <kbd>{shortcuts.newItem}</kbd>
            </button>
          }
        >
          Pick an item in the list to edit it; changes are saved on this computer as you type. In the list, ↑
          and ↓ move and Enter jumps into the editor. Press ? for every shortcut.
        </EmptyState>
      </section>
    );
  }
  // Not keyed by item: the pane (and its CodeMirror view) is reused as the selection moves.
  return <ItemEditorPane item={item} renameShortcut={shortcuts.rename} />;
}

function ItemEditorPane({ item, renameShortcut }: { item: ItemState; renameShortcut: string }) {
  const workspace = useWorkspace();
  const tab = useUi((s) => s.editorTab);
  const setTab = useUi((s) => s.setEditorTab);
  const openDialog = useUi((s) => s.openDialog);
  const saver = useAutosave(workspace, item.itemId, item.path);
  // Booted from heads only: the item's history is read when it opens.
  useEffect(() => workspace.requestHistory(item.itemId), [workspace, item.itemId]);
  const historyCount = workspace.history(item.itemId).length;
  // Someone else's unapproved version is shown to an owner: say so (the author's own has its badge).
  const viewer = useApprovals((s) => s.service?.user ?? null);

  return (
    <section className="pane editor-pane" aria-label={`Editor: ${item.path}`} data-testid="editor">
      <header className="pane-header editor-header">
        <div className="editor-title">
          <KindBadge kind={item.kind} long />
          <h2 className="editor-path" data-testid="editor-path" title={item.path}>
            {item.path}
          </h2>
        </div>
        <div className="editor-actions">
          {!item.deleted && <SaveIndicator state={saver.state} error={saver.error} onRetry={saver.flush} />}
          {item.deleted ? (
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="item-restore"
              onClick={() => void restoreItem(workspace, item.itemId, true)}
            >
              <ArchiveRestore size={14} aria-hidden /> Restore
            </button>
          ) : (
            <>
              <SyncBadge badge={workspace.syncBadge(item.itemId)} />
              <button
                type="button"
                className="btn btn-small"
                data-testid="item-rename"
                title={`Rename (${renameShortcut})`}
                onClick={() => openDialog({ kind: 'rename', itemId: item.itemId })}
              >
                <PencilLine size={14} aria-hidden /> Rename
              </button>
              <button
                type="button"
                className="btn btn-small"
                data-testid="item-move"
                onClick={() => openDialog({ kind: 'move', itemId: item.itemId })}
              >
                <FolderInput size={14} aria-hidden /> Move
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost-danger"
                data-testid="item-delete"
                aria-label="Delete item"
                title="Delete (Delete key in the list)"
                onClick={() => void deleteItemWithUndo(workspace, item.itemId)}
              >
                <Trash2 size={14} aria-hidden />
              </button>
            </>
          )}
        </div>
      </header>
      {item.conflict && (
        <div className="banner banner-danger" role="status" data-testid="conflict-banner">
          <TriangleAlert size={15} aria-hidden />
          <span>
            This item is in conflict ({item.conflict.kind}): {item.conflict.sides.length} versions exist. You
            are seeing the newest, by {item.current.author}
            <PendingMark ops={[item.current]} testId="editor-pending-mark" />. Nothing is lost — every version
            is in History.
          </span>
          <ResolveButton item={item} />
        </div>
      )}
      {!item.conflict && isUnapproved(item.current) && item.current.author !== viewer && (
        <div className="banner banner-warning" role="status" data-testid="pending-banner">
          <PendingMark ops={[item.current]} testId="editor-pending-mark" />
          <span>
            This version, by {item.current.author}, waits for an owner&apos;s approval. Until then only its
            author and the namespace&apos;s owners see it; everyone else sees the last approved version.
          </span>
        </div>
      )}
      {item.deleted && (
        <div className="banner banner-warning" role="status" data-testid="deleted-banner">
          <Trash2 size={15} aria-hidden />
          <span>This item is deleted. Restore it to edit it again; its history is kept.</span>
        </div>
      )}
      <div className="tabs" role="tablist" aria-label="Item views">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'content'}
          className="tab"
          data-testid="editor-tab-content"
          onClick={() => setTab('content')}
        >
          Content
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'history'}
          className="tab"
          data-testid="editor-tab-history"
          onClick={() => setTab('history')}
        >
          History <span className="tab-count">{historyCount}</span>
        </button>
      </div>
      {/* The content editor stays mounted under History so its undo stack and pending save survive. */}
      <div className="tab-panel" role="tabpanel" hidden={tab !== 'content'}>
        <CodeEditor
          docKey={item.itemId}
          value={item.content}
          kind={item.kind}
          readOnly={item.deleted}
          primary
          label="Item content"
          testId="editor-content"
          onChange={saver.change}
          onBlur={saver.flush}
          onSave={saver.flush}
          acceptExternal={() => !saver.hasUnsaved()}
        />
        {item.kind === 'component' && <YamlProblemsBar content={item.content} />}
      </div>
      {tab === 'history' && (
        <div className="tab-panel" role="tabpanel">
          <EvictedHistoryNote itemId={item.itemId} />
          <HistoryPanel item={item} />
        </div>
      )}
    </section>
  );
}
