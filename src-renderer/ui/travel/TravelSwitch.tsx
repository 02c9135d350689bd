import { Plane } from 'lucide-react';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useTravelDialog } from '../../state/travel-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { toggleTravelMode } from './travel-actions.js';
import { TravelDialog } from './TravelDialog.js';
import './travel.css';

/** The status bar's travel mode switch, and the dialog that turning it on opens. */
export function TravelSwitch() {
  const { bridge } = useServices();
  const on = useSyncSettings((s) => s.settings?.travelMode ?? false);
  const dialogOpen = useTravelDialog((s) => s.open);
  const setDialogOpen = useTravelDialog((s) => s.setOpen);
  return (
    <>
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
      {dialogOpen && <TravelDialog onClose={() => setDialogOpen(false)} />}
    </>
  );
}
