import '../travel/travel.css';
import { useState } from 'react';
import {
  SYNC_INTERVAL_MINUTES,
  SyncStrategyPatchSchema,
  type SyncStrategy,
} from '../../../src-shared/bridge/index.js';
import { describeError } from '../../app/errors.js';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useServices } from '../../state/workspace-store.js';

const CHOICES: { value: SyncStrategy; label: string; hint: string }[] = [
  {
    value: 'eager',
    label: 'Eager',
    hint: 'Send each change as it is saved; get others’ changes as they happen.',
  },
  { value: 'periodic', label: 'Periodic', hint: 'Sync every few minutes.' },
  { value: 'manual', label: 'Manual', hint: 'Sync only when you choose Sync now.' },
];

/** Settings → Sync: the strategy (saved by main, so it survives a restart). */
export function SyncStrategySettings() {
  const { bridge } = useServices();
  const settings = useSyncSettings((s) => s.settings);
  const setSettings = useSyncSettings((s) => s.setSettings);
  const [minutes, setMinutes] = useState(String(settings?.intervalMinutes ?? SYNC_INTERVAL_MINUTES.default));
  const [error, setError] = useState<string | null>(null);
  if (!settings) return <p className="field-hint">Sync settings are not available.</p>;

  const save = async (strategy: SyncStrategy, interval: string) => {
    const patch = SyncStrategyPatchSchema.safeParse({
      strategy,
      intervalMinutes: strategy === 'periodic' ? Number(interval) : undefined,
    });
    if (!patch.success) return setError(patch.error.issues[0]?.message ?? 'Invalid setting');
    // Shown at once; main's answer (or the old value, if it refused) follows.
    setSettings({ ...settings, ...patch.data });
    try {
      setSettings(await bridge.call('sync.setStrategy', patch.data));
      setError(null);
    } catch (err) {
      setSettings(settings);
      setError(describeError(err, "Couldn't save the sync setting"));
    }
  };

  return (
    <>
      <div className="sync-strategy-choices" role="radiogroup" aria-label="Sync strategy">
        {CHOICES.map((c) => (
          <label key={c.value} className="sync-strategy-choice">
            <input
              type="radio"
              name="sync-strategy"
              value={c.value}
              checked={settings.strategy === c.value}
              data-testid={`settings-sync-${c.value}`}
              onChange={() => void save(c.value, minutes)}
            />
            <span>
              <strong>{c.label}</strong> — {c.hint}
            </span>
          </label>
        ))}
      </div>
      {settings.strategy === 'periodic' && (
        <label className="sync-interval">
          Every{' '}
          <input
            type="number"
            min={SYNC_INTERVAL_MINUTES.min}
            max={SYNC_INTERVAL_MINUTES.max}
            value={minutes}
            data-testid="settings-sync-interval"
            onChange={(e) => setMinutes(e.target.value)}
            onBlur={() => void save('periodic', minutes)}
          />{' '}
          minutes
        </label>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="settings-sync-error">
          {error}
        </p>
      )}
    </>
  );
}
