import { useStatus } from '../../state/status-slice.js';
import { Dialog } from '../common/Dialog.js';
import { ConnectionDetails } from './ConnectionDetails.js';
import { ConnectionForm } from './ConnectionForm.js';
import { useConnection } from './useConnection.js';
import './connection.css';

/** The "Server" screen: connect to a team server, or see and end the current connection. */
export function ConnectionDialog({ onClose }: { onClose: () => void }) {
  const info = useConnection();
  // Main's status: it follows travel mode from anywhere (switch, tray, File menu).
  const travelMode = useStatus((s) => s.status?.travelMode ?? false);
  return (
    <Dialog
      title="Server"
      testId="dialog-connection"
      onClose={onClose}
      size="medium"
      description="Connect to your team's Tether server to sync. Everything keeps working offline."
    >
      <div className="dialog-body connection">
        {info === null ? (
          <p className="field-hint">Checking the connection…</p>
        ) : info.state === 'none' ? (
          <ConnectionForm initialUrl="" travelMode={travelMode} />
        ) : (
          <ConnectionDetails info={info} />
        )}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn btn-primary" onClick={onClose} data-testid="dialog-done">
          Done
        </button>
      </footer>
    </Dialog>
  );
}
