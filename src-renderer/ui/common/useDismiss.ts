import { useEffect, type RefObject } from 'react';

/**
 * Closes a popover or menu on Esc and on a press outside it (presses on the
 * element that opened it are left to that element's own toggle).
 */
export function useDismiss(
  open: boolean,
  onClose: () => void,
  panel: RefObject<HTMLElement | null>,
  trigger?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    const inside = (target: EventTarget | null) =>
      target instanceof Node && (panel.current?.contains(target) || trigger?.current?.contains(target));
    const onPointer = (e: PointerEvent) => {
      if (!inside(e.target)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open, onClose, panel, trigger]);
}
