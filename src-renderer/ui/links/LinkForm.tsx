import { useState, type FormEvent } from 'react';
import { LinkRequestSchema } from '../../../src-shared/links/lock.js';
import { NamespacePathSchema } from '../../../src-shared/model/path.js';
import { linkOrQueue } from '../../links/link-queue.js';
import { useServices } from '../../state/workspace-store.js';

/** Link an empty namespace to a folder of an upstream repository, by version range or branch. */
export function LinkForm() {
  const { bridge, workspace } = useServices();
  const [namespace, setNamespace] = useState('');
  const [repository, setRepository] = useState('');
  const [path, setPath] = useState('');
  const [by, setBy] = useState<'version' | 'branch'>('version');
  const [wanted, setWanted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ns = NamespacePathSchema.safeParse(namespace.trim());
    const constraint = by === 'version' ? { kind: by, range: wanted } : { kind: by, branch: wanted };
    const request = LinkRequestSchema.safeParse({ repository, path, constraint, requires: [] });
    if (!ns.success) return setError(ns.error.issues[0]?.message ?? 'Give a namespace');
    if (!request.success) return setError(request.error.issues[0]?.message ?? 'Check the fields');
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      // Offline (or upstream out of reach) the link waits in the sync queue and runs when it is back.
      const { error: refused, notice: waits } = await linkOrQueue(bridge, workspace, ns.data, request.data);
      setError(refused);
      setNotice(waits);
      if (!refused) setNamespace('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="links-form" onSubmit={(e) => void submit(e)} data-testid="link-form">
      <strong>Link a namespace</strong>
      <label>
        Namespace
        <input
          value={namespace}
          onChange={(e) => setNamespace(e.target.value)}
          placeholder="Acme.Crm"
          data-testid="link-namespace"
        />
      </label>
      <label>
        Repository
        <input
          value={repository}
          onChange={(e) => setRepository(e.target.value)}
          placeholder="https://host/owner/repo.git"
          data-testid="link-repository"
        />
      </label>
      <label>
        Folder
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="components/crm"
          data-testid="link-path"
        />
      </label>
      <label>
        Follow
        <select
          value={by}
          onChange={(e) => setBy(e.target.value as 'version' | 'branch')}
          data-testid="link-by"
        >
          <option value="version">versions</option>
          <option value="branch">branch</option>
        </select>
      </label>
      <label>
        {by === 'version' ? 'Version range' : 'Branch'}
        <input
          value={wanted}
          onChange={(e) => setWanted(e.target.value)}
          placeholder={by === 'version' ? '^2.1.0' : 'main'}
          data-testid="link-wanted"
        />
      </label>
      <button type="submit" className="btn btn-small" disabled={busy} data-testid="link-submit">
        {busy ? 'Linking…' : 'Link'}
      </button>
      {error && (
        <p className="links-error" role="alert" data-testid="link-error">
          {error}
        </p>
      )}
      {notice && (
        <p className="muted" role="status" data-testid="link-notice">
          {notice}
        </p>
      )}
    </form>
  );
}
