import { useState } from 'react';
import { CircleCheck, Hourglass, Plane } from 'lucide-react';
import { useStatus } from '../../state/status-slice.js';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useHistoryCache } from '../../state/history-cache-slice.js';
import { useSync } from '../../state/sync-slice.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { Dialog } from '../common/Dialog.js';
import { incompleteChoices, namespaceAvailability } from './availability.js';
import { FreeUpSpace } from './FreeUpSpace.js';
import { makeAvailableOffline, setTravelMode } from './travel-actions.js';

type Phase = 'choose' | 'preparing' | 'incomplete';

/**
 * Before travel mode: choose the namespaces to keep fully available offline
 * and see that they are. Travel mode turns on only once they are complete
 * (it fetches what is missing first); if that cannot finish, it says so and
 * lets the user decide.
 */
export function TravelDialog({ onClose }: { onClose: () => void }) {
  const { bridge } = useServices();
  const snapshot = useSnapshot();
  const status = useStatus((s) => s.status);
  const saved = useSyncSettings((s) => s.settings?.keepOffline);
  const engineState = useSync((s) => s.engineState);
  const evictedPaths = useEvictedPaths();
  const all = namespaceAvailability({
    namespaces: snapshot.namespaces,
    serverConfigured: status?.serverConfigured ?? false,
    historyComplete: engineState?.historyComplete ?? false,
    mainSynced: engineState?.lastSyncedAt.main !== undefined,
    evictedPaths,
  });
  const [chosen, setChosen] = useState<string[]>(() =>
    // First time: everything there is; later: what was chosen last.
    saved && saved.length > 0 ? saved : all.map((n) => n.path),
  );
  const [phase, setPhase] = useState<Phase>('choose');
  const missing = incompleteChoices(all, chosen);

  const toggle = (path: string) =>
    setChosen((c) => (c.includes(path) ? c.filter((p) => p !== path) : [...c, path]));
  const turnOn = async (force: boolean) => {
    if (!force && missing.length > 0) {
      setPhase('preparing');
      if (!(await makeAvailableOffline(chosen))) return setPhase('incomplete');
    }
    if (await setTravelMode(bridge, true, chosen)) onClose();
    else setPhase('choose');
  };

  return (
    <Dialog
      title="Travel mode"
      testId="dialog-travel"
      onClose={onClose}
      size="medium"
      description="Nothing leaves this computer while travel mode is on: every change waits here and syncs when you switch it off."
    >
      <div className="dialog-body travel">
        {status && !status.serverConfigured && (
          <p className="travel-note" data-testid="travel-no-server">
            No server is set up, so nothing leaves this computer anyway. Travel mode keeps it that way:
            connecting to a server waits until you switch it off.
          </p>
        )}
        <h3 className="travel-heading">Keep fully available offline</h3>
        {all.length === 0 && <p className="field-hint">There are no namespaces yet.</p>}
        <ul className="travel-namespaces" data-testid="travel-namespaces">
          {all.map((ns) => (
            <li
              key={ns.path}
              className="travel-namespace"
              data-testid="travel-namespace"
              data-complete={ns.complete}
            >
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(ns.path)}
                  onChange={() => toggle(ns.path)}
                  data-testid={`travel-keep-${ns.path}`}
                />
                <span className="travel-ns-path">{ns.path}</span>
              </label>
              <span className={`travel-ns-state${ns.complete ? ' is-complete' : ''}`}>
                {ns.complete ? <CircleCheck size={14} aria-hidden /> : <Hourglass size={14} aria-hidden />}
                {ns.detail}
              </span>
            </li>
          ))}
        </ul>
        <TravelPhaseNote phase={phase} missing={missing} />
        <FreeUpSpace keep={chosen} />
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="travel-cancel">
          Cancel
        </button>
        {phase === 'incomplete' && (
          <button type="button" className="btn" onClick={() => void turnOn(true)} data-testid="travel-anyway">
            Turn on anyway
          </button>
        )}
        <button
          type="button"
          className="btn btn-primary"
          disabled={phase === 'preparing'}
          onClick={() => void turnOn(false)}
          data-testid="travel-confirm"
          data-autofocus=""
        >
          <Plane size={14} aria-hidden />{' '}
          {missing.length > 0 ? 'Download, then turn on' : 'Turn on travel mode'}
        </button>
      </footer>
    </Dialog>
  );
}

/** Paths of the items whose older history was removed to free space (they are not complete offline). */
function useEvictedPaths(): string[] {
  const workspace = useServices().workspace;
  const cache = useHistoryCache((s) => s.cache);
  useHistoryCache((s) => s.version);
  return (cache?.evictedItemIds() ?? []).flatMap((id) => workspace.item(id)?.path ?? []);
}

function TravelPhaseNote({ phase, missing }: { phase: Phase; missing: string[] }) {
  if (phase === 'preparing')
    return (
      <p className="travel-note" role="status" data-testid="travel-preparing">
        Downloading the rest of {missing.join(', ')}… travel mode turns on when it is complete.
      </p>
    );
  if (phase === 'incomplete')
    return (
      <p className="travel-note is-warning" role="alert" data-testid="travel-incomplete">
        {missing.join(', ')} could not be completed (is the server reachable?). Their items are here and
        editable, but older history is not.
      </p>
    );
  if (missing.length > 0)
    return (
      <p className="travel-note" data-testid="travel-missing">
        Not complete yet: {missing.join(', ')}. Their history is downloaded before travel mode turns on.
      </p>
    );
  return (
    <p className="travel-note is-ready" data-testid="travel-ready">
      Everything you chose is on this computer.
    </p>
  );
}
