import type { ItemKind } from '../../../src-shared/model/index.js';
import { KIND_LABELS } from '../format.js';

const SHORT: Record<ItemKind, string> = {
  fn: 'fn',
  type: 'type',
  value: 'value',
  component: 'comp',
  doc: 'doc',
};

/** The item's kind as a small tinted label; each kind has its own colour. */
export function KindBadge({ kind, long = false }: { kind: ItemKind; long?: boolean }) {
  return (
    <span className={`kind-badge kind-${kind}`} title={KIND_LABELS[kind]} data-kind={kind}>
      {long ? KIND_LABELS[kind] : SHORT[kind]}
    </span>
  );
}
