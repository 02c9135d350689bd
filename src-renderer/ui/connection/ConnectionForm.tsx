import { useId, useState, type FormEvent } from 'react';
import type { ConnectionTestResult } from '../../../src-shared/bridge/index.js';
import { parseServerAddress } from '../../../src-shared/bridge/server-address.js';
import { useServices } from '../../state/workspace-store.js';
import { setTravelMode } from '../travel/travel-actions.js';
import { errorText, testResultText } from './connection-text.js';
import { TravelModeNote } from './TravelModeNote.js';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Server address + token, "Test connection" and "Connect". The token goes to
 * main and never comes back: main tests it (GET /v1/me), stores it, and from
 * then on makes every server request itself.
 *
 * In travel mode both buttons are off, with the reason and a "Turn off
 * travel mode" button beside them, rather than a "use the network anyway?"
 * prompt: travel mode promises no network use at all (roaming, metered or
 * untrusted networks), a prompt is one click from breaking that promise
 * while the status bar still says "travel mode", and main refuses these
 * calls in travel mode anyway. Switching it off is as quick, and honest.
 */
export function ConnectionForm({ initialUrl, travelMode }: { initialUrl: string; travelMode: boolean }) {
  const { bridge } = useServices();
  const [serverUrl, setServerUrl] = useState(initialUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const urlId = useId();
  const tokenId = useId();
  const travelNoteId = useId();
  const filled = serverUrl.trim() !== '' && token.trim() !== '';
  const canUseNetwork = filled && busy === null && !travelMode;

  const run = async (kind: 'test' | 'save') => {
    // Said at once, without a round trip; main checks the same rule again.
    const address = parseServerAddress(serverUrl);
    if (!address.ok) return setOutcome({ kind: 'error', text: address.problem });
    setServerUrl(address.url);
    setBusy(kind);
    setOutcome(null);
    try {
      if (kind === 'test') {
        const result: ConnectionTestResult = await bridge.call('connection.test', {
          serverUrl: address.url,
          token,
        });
        setOutcome({ kind: result.ok ? 'ok' : 'error', text: testResultText(result) });
      } else {
        await bridge.call('connection.set', { serverUrl: address.url, token });
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
    if (canUseNetwork) void run('save');
  };

  return (
    <form className="connection-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={urlId}>Server address</label>
        <input
          id={urlId}
          type="url"
          inputMode="url"
          placeholder="tether.example.com or 127.0.0.1:8787"
          spellCheck={false}
          autoComplete="off"
          data-autofocus=""
          data-testid="connection-url"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.target.value)}
        />
        <p className="field-hint">http:// is added when you leave it out.</p>
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
      {travelMode && <TravelModeNote id={travelNoteId} onTurnOff={() => void setTravelMode(bridge, false)} />}
      <div className="connection-actions">
        <button
          type="button"
          className="btn"
          disabled={!canUseNetwork}
          aria-describedby={travelMode ? travelNoteId : undefined}
          title={travelMode ? 'Travel mode is on: no network use' : undefined}
          data-testid="connection-test"
          onClick={() => void run('test')}
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canUseNetwork}
          aria-describedby={travelMode ? travelNoteId : undefined}
          title={travelMode ? 'Travel mode is on: no network use' : undefined}
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
