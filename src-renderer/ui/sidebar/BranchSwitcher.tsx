import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { Check, ChevronDown, GitBranch, GitBranchPlus, Archive, Lock } from 'lucide-react';
import { MAIN_BRANCH } from '../../../src-shared/model/index.js';
import { switchBranch } from '../../app/actions.js';
import { registerFocusTarget } from '../../app/focus.js';
import { IS_MAC } from '../../app/platform.js';
import { labelFor } from '../../app/shortcuts.js';
import { useUi } from '../../state/ui-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { MenuAction } from '../common/MenuAction.js';
import { useDismiss } from '../common/useDismiss.js';
import { BranchMenuSyncItems, BranchSyncTime } from '../sync/BranchMenuSync.js';
import { useBranchRights } from '../sync/branch-rights.js';

/** Moves focus between the menu's items with ↑/↓/Home/End, wrapping around. */
function onMenuKeyDown(e: KeyboardEvent<HTMLDivElement>) {
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  items[(next + items.length) % items.length]?.focus();
}

/** The current branch at the top of the sidebar; opens a menu to switch, start or abandon a branch. */
export function BranchSwitcher() {
  const workspace = useWorkspace();
  const snapshot = useSnapshot();
  const open = useUi((s) => s.branchMenuOpen);
  const setOpen = useUi((s) => s.setBranchMenuOpen);
  const openDialog = useUi((s) => s.openDialog);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    triggerRef.current?.focus();
  }, [setOpen]);
  useDismiss(open, close, menuRef, triggerRef);
  useEffect(() => registerFocusTarget('branch-switcher', () => triggerRef.current?.focus()), []);
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  }, [open]);

  const current = snapshot.branch;
  const rights = useBranchRights(current);
  const branches = snapshot.branches.filter((b) => b.state === 'open');
  const choose = (branchId: string) => {
    close();
    if (branchId !== snapshot.branchId) void switchBranch(workspace, branchId);
  };
  const option = (id: string, name: string, testId: string) => (
    <button
      key={id}
      type="button"
      role="menuitemradio"
      aria-checked={snapshot.branchId === id}
      className="menu-item"
      data-testid={testId}
      onClick={() => choose(id)}
    >
      <span className="menu-check">{snapshot.branchId === id && <Check size={14} aria-hidden />}</span>
      <span className="menu-label">{name}</span>
      <BranchSyncTime branchId={id} />
    </button>
  );

  return (
    <div className="branch-switcher">
      <button
        ref={triggerRef}
        type="button"
        className="branch-trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="branch-switcher"
        title={`Switch branch (${labelFor('branch.switch', IS_MAC)})`}
        onClick={() => setOpen(!open)}
      >
        <GitBranch size={15} aria-hidden />
        <span className="branch-trigger-text">
          <span className="branch-trigger-caption">Current branch</span>
          <span className="branch-trigger-name" data-testid="current-branch">
            {current?.name ?? MAIN_BRANCH}
          </span>
        </span>
        <ChevronDown size={15} aria-hidden />
      </button>
      {open && (
        <div
          ref={menuRef}
          className="menu branch-menu"
          role="menu"
          data-testid="branch-menu"
          onKeyDown={onMenuKeyDown}
        >
          <div className="menu-heading">Branches</div>
          {option(MAIN_BRANCH, MAIN_BRANCH, 'branch-option-main')}
          {branches.map((b) => option(b.id, b.name, `branch-option-${b.name}`))}
          <div className="menu-separator" role="separator" />
          <MenuAction
            icon={GitBranchPlus}
            label="New branch…"
            testId="branch-new"
            onClick={() => openDialog({ kind: 'new-branch' })}
          />
          <BranchMenuSyncItems branchId={snapshot.branchId} branch={current} />
          {current && rights.mayChange && (
            <MenuAction
              icon={Archive}
              label={`Abandon “${current.name}”…`}
              testId="branch-abandon"
              danger
              onClick={() => openDialog({ kind: 'abandon-branch', branchId: current.id })}
            />
          )}
          {current && rights.why && (
            <p className="menu-note" data-testid="branch-rights-note">
              <Lock size={12} aria-hidden /> {rights.why}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
