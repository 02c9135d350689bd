import {
  Check,
  CircleAlert,
  CloudUpload,
  HardDrive,
  Hourglass,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import type { ItemSyncBadge } from '../../workspace/index.js';
import { SYNC_BADGES } from '../format.js';

const ICONS: Record<ItemSyncBadge, LucideIcon> = {
  'local-only': HardDrive,
  'pending-sync': CloudUpload,
  synced: Check,
  'awaiting-approval': Hourglass,
  conflict: TriangleAlert,
  failed: CircleAlert,
};

/** Where an item's latest change is on its way to the server: icon, short label, and a tooltip saying what it means. */
export function SyncBadge({ badge, showLabel = true }: { badge: ItemSyncBadge; showLabel?: boolean }) {
  const info = SYNC_BADGES[badge];
  const Icon = ICONS[badge];
  return (
    <span
      className={`sync-badge tone-${info.tone}`}
      title={`${info.label} — ${info.description}`}
      aria-label={info.label}
      data-badge={badge}
    >
      <Icon size={13} aria-hidden />
      {showLabel && <span className="sync-badge-label">{info.label}</span>}
    </span>
  );
}
