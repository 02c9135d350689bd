import { Plane } from 'lucide-react';

/**
 * Why Test connection and Connect are off in travel mode, and the one way
 * out: switching travel mode off, which the status bar then shows too.
 */
export function TravelModeNote({ id, onTurnOff }: { id: string; onTurnOff: () => void }) {
  return (
    <div className="connection-travel" id={id} role="note" data-testid="connection-travel-note">
      <Plane size={14} aria-hidden />
      <p>
        Travel mode is on, so Tether uses no network. Testing or connecting would reach the server: turn
        travel mode off first. You can fill in the address and token now.
      </p>
      <button type="button" className="btn btn-small" data-testid="connection-travel-off" onClick={onTurnOff}>
        Turn off travel mode
      </button>
    </div>
  );
}
