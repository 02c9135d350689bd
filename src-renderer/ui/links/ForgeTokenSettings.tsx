import { useEffect, useState, type FormEvent } from 'react';
import { ForgeBaseUrlSchema } from '../../../src-shared/bridge/link-push.js';
import { loadForges, setForgeToken } from '../../links/push-actions.js';
import { useLinkPush } from '../../state/link-push-slice.js';
import { useServices } from '../../state/workspace-store.js';
import './link-push.css';

/**
 * Settings → Forges: a token per forge (by its API address) for pushing
 * linked namespaces through a fork and a pull request. The token goes to
 * main and stays there, like the server token; this page only learns that
 * one is set.
 */
export function ForgeTokenSettings() {
  const { bridge } = useServices();
  const forges = useLinkPush((s) => s.forges);
  const [baseUrl, setBaseUrl] = useState('https://api.github.com');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadForges(bridge).catch(() => undefined);
  }, [bridge]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const url = ForgeBaseUrlSchema.safeParse(baseUrl);
    if (!url.success) return setError(url.error.issues[0]?.message ?? 'Check the address');
    if (!token.trim()) return setError('Paste the token');
    setBusy(true);
    setError(null);
    try {
      await setForgeToken(bridge, url.data, token);
      setToken('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (url: string) => {
    setError(null);
    await setForgeToken(bridge, url, null).catch((err: unknown) =>
      setError(err instanceof Error ? err.message : String(err)),
    );
  };

  return (
    <div className="forge-settings" data-testid="forge-settings">
      {forges.length > 0 ? (
        <ul className="info-list" data-testid="forge-list">
          {forges.map((url) => (
            <li key={url} className="info-row">
              <code>{url}</code> <span className="muted">token set</span>{' '}
              <button
                type="button"
                className="btn btn-small btn-ghost"
                data-testid="forge-remove"
                onClick={() => void remove(url)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint" data-testid="forge-none">
          No forge token is set.
        </p>
      )}
      <form className="forge-form" onSubmit={(e) => void save(e)}>
        <label>
          Forge API address
          <input
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            spellCheck={false}
            data-testid="forge-base-url"
          />
        </label>
        <label>
          Token
          <input
            type="password"
            value={token}
            autoComplete="off"
            onChange={(e) => setToken(e.target.value)}
            data-testid="forge-token"
          />
        </label>
        <button type="submit" className="btn btn-small" disabled={busy} data-testid="forge-save">
          {busy ? 'Checking…' : 'Save token'}
        </button>
      </form>
      {error && (
        <p className="links-error" role="alert" data-testid="forge-error">
          {error}
        </p>
      )}
      <p className="field-hint">
        Used to push linked namespaces: where you may not push, Tether forks the repository and opens a pull
        request. The token stays on this computer, stored like the server’s.
      </p>
    </div>
  );
}
