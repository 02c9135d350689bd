import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { X } from 'lucide-react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  /** One sentence under the title saying what the dialog does. */
  description?: string;
  size?: 'small' | 'medium' | 'large';
}

/** Open dialogs, innermost last: only it answers an Esc pressed while focus is outside every dialog. */
const openDialogs: symbol[] = [];

/**
 * A button that disables itself while it works (Retry, Save) drops focus to
 * the page; Esc must still close the dialog the person is looking at.
 */
function useEscapeWhenFocusLost(onClose: () => void): void {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const token = Symbol('dialog');
    openDialogs.push(token);
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || openDialogs[openDialogs.length - 1] !== token) return;
      if (document.activeElement?.closest('[role="dialog"]')) return; // the dialog's own handler answers
      e.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      openDialogs.splice(openDialogs.indexOf(token), 1);
    };
  }, []);
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
}

/**
 * A modal dialog: focus moves in (to [data-autofocus] or the first control),
 * Tab stays inside, Esc or a click on the backdrop closes it, and focus
 * returns to where it was.
 */
export function Dialog({ title, testId, onClose, children, description, size = 'small' }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descId = useId();
  useEscapeWhenFocusLost(onClose);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = ref.current;
    if (node) {
      // Without a marked field the dialog itself takes focus, so Tab starts at its first control.
      const first = node.querySelector<HTMLElement>('[data-autofocus]') ?? node;
      first.focus();
    }
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const list = focusables(ref.current);
    const first = list[0];
    const last = list[list.length - 1];
    if (!first || !last) return;
    const onDialog = document.activeElement === ref.current;
    if (e.shiftKey && (document.activeElement === first || onDialog)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className={`dialog dialog-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-btn" aria-label="Close" title="Close (Esc)" onClick={onClose}>
            <X size={16} aria-hidden />
          </button>
        </header>
        {description && (
          <p id={descId} className="dialog-description">
            {description}
          </p>
        )}
        {children}
      </div>
    </div>,
    document.body,
  );
}
