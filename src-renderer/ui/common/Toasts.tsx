import { X } from 'lucide-react';
import { useToasts } from '../../state/toast-slice.js';

/** Short-lived messages above the status bar; errors are announced at once, the rest politely. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}`}
          role={t.tone === 'error' ? 'alert' : 'status'}
          data-testid={t.testId ?? 'toast'}
          data-tone={t.tone}
        >
          <span className="toast-message">{t.message}</span>
          {t.action && (
            <button
              type="button"
              className="toast-action"
              data-testid="toast-action"
              onClick={() => {
                dismiss(t.id);
                t.action?.run();
              }}
            >
              {t.action.label}
            </button>
          )}
          {t.moreActions?.map((more) => (
            <button
              key={more.label}
              type="button"
              className="toast-action"
              data-testid="toast-action"
              onClick={() => {
                dismiss(t.id);
                more.run();
              }}
            >
              {more.label}
            </button>
          ))}
          <button
            type="button"
            className="icon-btn toast-dismiss"
            aria-label="Dismiss"
            data-testid="toast-dismiss"
            onClick={() => dismiss(t.id)}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}
