import { useMemo, useState } from 'react';
import type { Release, ReleaseChangeType } from '../../../src-shared/sync-protocol/index.js';
import { useApprovals } from '../../state/approvals-slice.js';
import { useReleases } from '../../state/releases-slice.js';
import { useSnapshot } from '../../state/workspace-store.js';

interface Choice {
  ref: string;
  label: string;
}

/** What a change can name, in this namespace: approval requests, merged branches, items. */
export function useChoices(namespace: string): Record<ReleaseChangeType, Choice[]> {
  const snapshot = useSnapshot();
  const requests = useApprovals((s) => s.requests);
  return useMemo(() => {
    const inNamespace = (path: string) =>
      namespace === '' || path === namespace || path.startsWith(`${namespace}.`);
    return {
      approval_request: requests
        .filter((r) => r.state !== 'draft')
        .map((r) => ({ ref: r.id, label: r.title || r.id })),
      merged_branch: snapshot.branches
        .filter((b) => b.state === 'merged')
        .map((b) => ({ ref: b.id, label: b.name })),
      item: snapshot.items.filter((i) => inNamespace(i.path)).map((i) => ({ ref: i.itemId, label: i.path })),
    };
  }, [snapshot, requests, namespace]);
}

const TYPES: { type: ReleaseChangeType; label: string }[] = [
  { type: 'approval_request', label: 'Approval request' },
  { type: 'merged_branch', label: 'Merged branch' },
  { type: 'item', label: 'Item' },
];

/** Adds a change to a draft: an id people use for it (FEAT-101), what it names, a title. */
export function AddChangeForm({ release }: { release: Release }) {
  const addChange = useReleases((s) => s.addChange);
  const busy = useReleases((s) => s.busy);
  const choices = useChoices(release.namespaces[0] ?? '');
  const [type, setType] = useState<ReleaseChangeType>('item');
  const [ref, setRef] = useState('');
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const options = choices[type];
  const picked = options.find((c) => c.ref === ref) ?? options[0];
  const taken = release.changes.some((c) => c.id === id.trim());
  const ready = id.trim() !== '' && !taken && picked !== undefined && !busy;
  const submit = async () => {
    if (!picked) return;
    const ok = await addChange(release.id, {
      id: id.trim(),
      type,
      ref: picked.ref,
      title: title.trim() || picked.label,
      assignee: assignee.trim() || null,
    });
    if (ok) {
      setId('');
      setTitle('');
      setAssignee('');
    }
  };
  return (
    <form
      className="appr-form rel-add-change"
      aria-label="Add a change"
      data-testid="release-add-change"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void submit();
      }}
    >
      <h3>Add a change</h3>
      <div className="rel-fields">
        <label>
          Change id
          <input
            value={id}
            placeholder="FEAT-101"
            onChange={(e) => setId(e.target.value)}
            data-testid="release-change-id"
          />
        </label>
        <label>
          Kind
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value as ReleaseChangeType);
              setRef('');
            }}
            data-testid="release-change-type"
          >
            {TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Names
          <select
            value={picked?.ref ?? ''}
            onChange={(e) => setRef(e.target.value)}
            data-testid="release-change-ref"
            disabled={options.length === 0}
          >
            {options.length === 0 && <option value="">Nothing of this kind yet</option>}
            {options.map((c) => (
              <option key={c.ref} value={c.ref}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title
          <input
            value={title}
            placeholder={picked?.label ?? 'What it ships'}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="release-change-title"
          />
        </label>
        <label>
          Assignee
          <input
            value={assignee}
            placeholder="optional"
            onChange={(e) => setAssignee(e.target.value)}
            data-testid="release-change-assignee"
          />
        </label>
      </div>
      {taken && <p className="muted">This release already has a change {id.trim()}.</p>}
      <div className="row-actions">
        <button type="submit" className="btn" disabled={!ready} data-testid="release-change-add">
          Add change
        </button>
      </div>
    </form>
  );
}

/** What a change names, in words: the item's path, the request's title, the branch's name. */
export function useRefLabel(type: ReleaseChangeType, ref: string): string {
  const choices = useChoices('');
  return choices[type].find((c) => c.ref === ref)?.label ?? ref;
}
