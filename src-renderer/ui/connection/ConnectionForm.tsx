import { useId, useState, type FormEvent } from 'react';
import type { ConnectionTestResult } from '../../../src-shared/bridge/index.js';
import { useServices } from '../../state/workspace-store.js';
import { errorText, testResultText } from './connection-text.js';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Server address + token, "Test connection" and "Connect". The token goes to
 * main and never comes back: main tests it (GET /v1/me), stores it, and from
 * then on makes every server request itself.
 */
export function ConnectionForm({ initialUrl }: { initialUrl: string }) {
  const { bridge } = useServices();
  const [serverUrl, setServerUrl] = useState(initialUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const urlId = useId();
  const tokenId = useId();
  const filled = serverUrl.trim() !== '' && token.trim() !== '';

  const run = async (kind: 'test' | 'save') => {
    setBusy(kind);
    setOutcome(null);
    try {
      if (kind === 'test') {
        const result: ConnectionTestResult = await bridge.call('connection.test', { serverUrl, token });
        setOutcome({ kind: result.ok ? 'ok' : 'error', text: testResultText(result) });
      } else {
        await bridge.call('connection.set', { serverUrl, token });
        setToken(''); // connected: the screen now shows the connection, not the form
      }
    } catch (err) {
      setOutcome({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(null);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (filled && !busy) void run('save');
  };

  return (
    <form className="connection-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={urlId}>Server address</label>
        <input
          id={urlId}
          type="url"
          placeholder="https://tether.example.com"
          spellCheck={false}
          autoComplete="off"
          data-autofocus=""
          data-testid="connection-url"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={tokenId}>Access token</label>
        <input
          id={tokenId}
          type="password"
          placeholder="Paste the token your administrator gave you"
          autoComplete="off"
          data-testid="connection-token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <p className="field-hint">Kept by the app on this computer only; it is never shown again.</p>
      </div>
      <div className="connection-actions">
        <button
          type="button"
          className="btn"
          disabled={!filled || busy !== null}
          data-testid="connection-test"
          onClick={() => void run('test')}
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!filled || busy !== null}
          data-testid="connection-save"
        >
          {busy === 'save' ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      {outcome && (
        <p
          className={`connection-result is-${outcome.kind}`}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          data-testid="connection-test-result"
          data-result={outcome.kind}
        >
          {outcome.text}
        </p>
      )}
    </form>
  );
}
