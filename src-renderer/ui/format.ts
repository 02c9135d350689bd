import type { ItemKind, Op, OpType } from '../../src-shared/model/index.js';
import type { ItemSyncBadge } from '../workspace/index.js';

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a date. */
export function relativeTime(then: number, now: number): string {
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 30) return `${days} days ago`;
  return new Date(then).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A full local date and time, for tooltips and the history detail. */
export function absoluteTime(then: number): string {
  return new Date(then).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export const ITEM_KINDS: readonly ItemKind[] = ['fn', 'type', 'value', 'component', 'doc'];

export const KIND_LABELS: Record<ItemKind, string> = {
  fn: 'Function',
  type: 'Type',
  value: 'Value',
  component: 'Component',
  doc: 'Doc',
};

export interface SyncBadgeInfo {
  label: string;
  /** Tooltip: what the state means for the user's work. */
  description: string;
  tone: 'neutral' | 'info' | 'success' | 'warning' | 'danger';
}

export const SYNC_BADGES: Record<ItemSyncBadge, SyncBadgeInfo> = {
  'local-only': {
    label: 'Local only',
    description: 'Saved on this computer. It has not been sent to a server.',
    tone: 'neutral',
  },
  'pending-sync': {
    label: 'Waiting to sync',
    description: 'Saved on this computer and queued; it will be sent when the server is reachable.',
    tone: 'info',
  },
  synced: { label: 'Synced', description: 'The server has this version.', tone: 'success' },
  'awaiting-approval': {
    label: 'Awaiting approval',
    description: 'The server has this change; an owner of the namespace has to approve it.',
    tone: 'warning',
  },
  conflict: {
    label: 'Conflict',
    description: 'Two versions of this item exist. Your work is kept; pick or merge a version to resolve it.',
    tone: 'danger',
  },
  failed: {
    label: 'Sync failed',
    description: 'The server refused or could not take this change. It is kept here; see the status bar.',
    tone: 'danger',
  },
};

export const OP_LABELS: Record<OpType, string> = {
  create: 'Created',
  update: 'Edited',
  rename: 'Renamed',
  delete: 'Deleted',
  merge: 'Merged',
};

/** How history names an op: a `create` with parents is the undo of a delete. */
export function opLabel(op: Pick<Op, 'type' | 'parents'>): string {
  return op.type === 'create' && op.parents.length > 0 ? 'Restored' : OP_LABELS[op.type];
}

/** "1 change", "3 changes": one helper for the whole app, in src-shared. */
export { plural } from '../../src-shared/text/plural.js';
