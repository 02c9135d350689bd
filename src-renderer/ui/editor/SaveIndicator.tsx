import { Check, CircleAlert, LoaderCircle } from 'lucide-react';
import type { SaveState } from '../../state/autosave.js';

/**
 * Where the text in the editor is: typed but not yet written, being written,
 * or durable on this computer ("Saved" appears only once the workspace's
 * write has resolved).
 */
export function SaveIndicator({
  state,
  error,
  onRetry,
}: {
  state: SaveState;
  error: string | null;
  onRetry: () => void;
}) {
  return (
    <span
      className={`save-indicator save-${state}`}
      data-testid="save-indicator"
      data-state={state}
      aria-live="polite"
    >
      {state === 'saving' && (
        <>
          <LoaderCircle size={13} aria-hidden className="spin" /> Saving…
        </>
      )}
      {state === 'saved' && (
        <>
          <Check size={13} aria-hidden /> Saved
        </>
      )}
      {state === 'dirty' && <>Edited</>}
      {state === 'error' && (
        <>
          <CircleAlert size={13} aria-hidden />
          <span title={error ?? undefined}>Not saved</span>
          <button type="button" className="link-btn" onClick={onRetry} data-testid="save-retry">
            Retry
          </button>
        </>
      )}
    </span>
  );
}
