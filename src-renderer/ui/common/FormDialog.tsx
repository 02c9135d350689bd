import { useState, type FormEvent, type ReactNode } from 'react';
import { describeError } from '../../app/errors.js';
import { Dialog, type DialogProps } from './Dialog.js';

export interface FormDialogProps extends Omit<DialogProps, 'children'> {
  submitLabel: string;
  /** Does the work; a thrown error is shown inside the dialog and the dialog stays open. */
  onSubmit: () => Promise<void>;
  /** Lead-in for errors that are not validation messages, e.g. "Couldn't rename the item". */
  failedAction: string;
  danger?: boolean;
  children: ReactNode;
  /** Set by the form for errors it finds before submitting (e.g. an empty field). */
  submitDisabled?: boolean;
}

/** A dialog around one form: Enter submits, errors appear inline, success closes it. */
export function FormDialog(props: FormDialogProps) {
  const { submitLabel, onSubmit, failedAction, danger, children, submitDisabled, ...dialog } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || submitDisabled) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
      dialog.onClose();
    } catch (err) {
      setError(describeError(err, failedAction));
      setBusy(false);
    }
  };

  return (
    <Dialog {...dialog}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="dialog-body">{children}</div>
        {error && (
          <p className="dialog-error" role="alert" data-testid="dialog-error">
            {error}
          </p>
        )}
        <footer className="dialog-footer">
          {/* Focused first only when the form has no field marked data-autofocus (e.g. a confirmation). */}
          <button
            type="button"
            className="btn"
            onClick={dialog.onClose}
            data-testid="dialog-cancel"
            data-autofocus=""
          >
            Cancel
          </button>
          <button
            type="submit"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={busy || submitDisabled}
            data-testid="dialog-submit"
          >
            {busy ? 'Working…' : submitLabel}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
