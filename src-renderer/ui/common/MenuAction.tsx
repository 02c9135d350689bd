import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** One action in a dropdown menu: its icon in the check column, then its label. */
export function MenuAction({
  icon: Icon,
  label,
  testId,
  onClick,
  danger = false,
}: {
  icon: LucideIcon;
  label: ReactNode;
  testId: string;
  onClick: () => void;
  danger?: boolean;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={danger ? 'menu-item menu-item-danger' : 'menu-item'}
      data-testid={testId}
      onClick={onClick}
    >
      <span className="menu-check">
        <Icon size={14} aria-hidden />
      </span>
      <span className="menu-label">{label}</span>
    </button>
  );
}
