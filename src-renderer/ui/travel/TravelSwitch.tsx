import { Plane } from 'lucide-react';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { toggleTravelMode } from './travel-actions.js';
import './travel.css';

/** The status bar's travel mode switch; turning it on opens the dialog (TravelDialogHost). */
export function TravelSwitch() {
  const { bridge } = useServices();
  const on = useSyncSettings((s) => s.settings?.travelMode ?? false);
  return (
    <button
      type="button"
      className={`travel-switch${on ? ' is-on' : ''}`}
      role="switch"
      aria-checked={on}
      data-testid="travel-switch"
      title={
        on ? 'Travel mode is on: no network use. Click to switch it off and sync.' : 'Turn on travel mode'
      }
      onClick={() => toggleTravelMode(bridge)}
    >
      <Plane size={12} aria-hidden />
      <span>{on ? 'Travel mode on' : 'Travel mode'}</span>
    </button>
  );
}
