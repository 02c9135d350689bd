import { Server } from 'lucide-react';
import { useUi } from '../../state/ui-slice.js';
import { useConnection } from './useConnection.js';

/** "Server…" / "Connect to a server…": opens the connection screen (Settings and the status popover). */
export function OpenConnectionButton({ className = 'btn btn-small' }: { className?: string }) {
  const openDialog = useUi((s) => s.openDialog);
  const info = useConnection();
  const connected = info !== null && info.state !== 'none';
  return (
    <button
      type="button"
      className={className}
      data-testid="open-connection"
      onClick={() => openDialog({ kind: 'connection' })}
    >
      <Server size={14} aria-hidden />
      {connected ? `Server: ${info.userName ?? ''} @ ${hostOf(info.serverUrl)}` : 'Connect to a server…'}
    </button>
  );
}

function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
