import { CircleAlert } from 'lucide-react';
import { BOOT_STEP_LABELS, BootError, type BootStep } from './boot.js';
import { DatabaseRecovery } from './DatabaseRecovery.js';

/** Shown while the app starts: the step it is on, so a slow database open is not a blank window. */
export function BootScreen({ step }: { step: BootStep }) {
  return (
    <div className="boot" data-testid="app-boot" role="status" aria-live="polite">
      <div className="boot-mark" aria-hidden>
        T
      </div>
      <p className="boot-title">Tether</p>
      <p className="boot-step" data-testid="boot-step">
        {BOOT_STEP_LABELS[step]}
      </p>
    </div>
  );
}

const STEP_FAILED: Record<BootStep, string> = {
  bridge: 'Tether could not reach its background service.',
  database: 'Tether could not open its local database.',
  workspace: 'Tether could not load your items.',
};

const STEP_HINT: Record<BootStep, string> = {
  bridge: 'If you opened this page in a browser, check that the Tether host is still running.',
  database:
    'Another Tether window may be holding the database, or the disk may be full. Nothing has been deleted; your data is still on disk.',
  workspace: 'Your data is still on disk. If this keeps happening, the database may need repair.',
};

/** Boot failed: what failed, the error itself, and a Retry that runs boot again. */
export function BootErrorScreen({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const step = error instanceof BootError ? error.step : 'workspace';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="boot" data-testid="boot-error" role="alert">
      <CircleAlert size={36} aria-hidden className="boot-error-icon" />
      <p className="boot-title">{STEP_FAILED[step]}</p>
      <p className="boot-hint">{STEP_HINT[step]}</p>
      <pre className="boot-error-message" data-testid="boot-error-message">
        {message}
      </pre>
      <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="boot-retry" autoFocus>
        Retry
      </button>
      {step !== 'bridge' && <DatabaseRecovery />}
    </div>
  );
}
