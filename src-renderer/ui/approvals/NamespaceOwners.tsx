import { Crown, UserPlus } from 'lucide-react';
import type { NamespaceInfo } from '../../../src-shared/workspace-rules/index.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { useApprovalsUi } from './approvals-ui.js';

export interface NamespaceOwnersInfo {
  /** Everyone who governs the namespace (its own owners and those above), as last synced. */
  owners: string[];
  mine: boolean;
}

/** Governing owners of `path` from the tree's namespace list (records carry their own owners). */
export function ownersInfo(
  path: string,
  namespaces: readonly NamespaceInfo[],
  me: string,
): NamespaceOwnersInfo {
  const owners = new Set<string>();
  for (const ns of namespaces) {
    if (path === ns.path || path.startsWith(`${ns.path}.`)) for (const owner of ns.owners) owners.add(owner);
  }
  const list = [...owners].sort();
  return { owners: list, mine: list.includes(me) };
}

/** The owners next to a namespace in the tree: "you own this" is a crown; owners may add co-owners. */
export function NamespaceOwners({ path, info }: { path: string; info: NamespaceOwnersInfo }) {
  const editOwners = useApprovalsUi((s) => s.editOwners);
  const online = useApprovals((s) => s.service !== null);
  const title = info.owners.length
    ? `${info.mine ? 'You own this namespace. ' : ''}Owners: ${info.owners.join(', ')}`
    : 'Nobody owns this namespace yet';
  return (
    <>
      <span
        className={`tree-owners${info.mine ? ' is-mine' : ''}`}
        title={title}
        data-testid={`ns-owners-${path}`}
      >
        {info.mine && <Crown size={10} aria-label="You own this" />}
        {info.mine ? ' you' : info.owners.join(', ')}
      </span>
      {info.mine && online && (
        <button
          type="button"
          className="icon-btn tree-owner-add"
          aria-label={`Add co-owners to ${path}`}
          title="Add co-owners"
          data-testid={`ns-add-owner-${path}`}
          onClick={(e) => {
            e.stopPropagation();
            editOwners(path);
          }}
        >
          <UserPlus size={11} aria-hidden />
        </button>
      )}
    </>
  );
}
