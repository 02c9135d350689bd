import { useTravelDialog } from '../../state/travel-slice.js';
import { TravelDialog } from './TravelDialog.js';
import './travel.css';

/**
 * The travel dialog, mounted whether or not a server is configured: the
 * status bar switch, the in-page tray, the app menu and the native tray all
 * open it through the same flag, and only the switch needs a server.
 */
export function TravelDialogHost() {
  const open = useTravelDialog((s) => s.open);
  const setOpen = useTravelDialog((s) => s.setOpen);
  return open ? <TravelDialog onClose={() => setOpen(false)} /> : null;
}
