import type { MirrorItem } from '../src-shared/bridge/git.js';

/** Used by tests and benches only: `count` items of about 2 KB each, spread over 20 namespaces. */
export function manyItems(count: number, root: string, version = 0): MirrorItem[] {
  return Array.from({ length: count }, (_, i) => ({
    itemId: `item-${String(i).padStart(6, '0')}`,
    path: `${root}.N${i % 20}.item${i}`,
    kind: 'fn' as const,
    content: `export const item${i} = ${JSON.stringify(`v${version}`.repeat(600))};\n`,
    head: `op-${String(i).padStart(6, '0')}-${version}`,
  }));
}
