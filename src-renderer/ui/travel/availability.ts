import { isWithinNamespace } from '../../../src-shared/model/index.js';
import type { NamespaceInfo } from '../../../src-shared/workspace-rules/index.js';

/** Whether a namespace can be relied on offline: its items' full history is on this computer. */
export interface NamespaceAvailability {
  path: string;
  itemCount: number;
  complete: boolean;
  /** What the dialog says about it. */
  detail: string;
}

export interface AvailabilityInput {
  namespaces: readonly NamespaceInfo[];
  /** No server: everything there is, is local. */
  serverConfigured: boolean;
  /** Main's history behind the heads-first start is local (sync engine state). */
  historyComplete: boolean;
  /** Main was pulled at least once on this computer. */
  mainSynced: boolean;
  /** Paths of items whose older history was removed to free space (downloaded before travel). */
  evictedPaths?: readonly string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The fresh-client path pulls every item's head first and fills history
 * behind; until that fill is done (and main has been pulled at all), the
 * items are editable but their history is not complete offline.
 */
export function namespaceAvailability(input: AvailabilityInput): NamespaceAvailability[] {
  const synced = !input.serverConfigured || (input.historyComplete && input.mainSynced);
  const why = !input.mainSynced ? 'not synced yet' : 'history still downloading';
  return input.namespaces
    .filter((ns) => !ns.path.includes('.')) // top-level: keeping one keeps its children
    .map((ns) => {
      const evicted = (input.evictedPaths ?? []).filter((p) => isWithinNamespace(p, ns.path)).length;
      const complete = synced && evicted === 0;
      const state = !synced
        ? why
        : evicted > 0
          ? `older history of ${plural(evicted, 'item')} removed to free space`
          : 'complete history on this computer';
      return {
        path: ns.path,
        itemCount: ns.itemCount,
        complete,
        detail: `${plural(ns.itemCount, 'item')} · ${state}`,
      };
    });
}

/** The chosen namespaces that are not yet complete (travel mode waits for them). */
export function incompleteChoices(
  all: readonly NamespaceAvailability[],
  chosen: readonly string[],
): string[] {
  return all.filter((ns) => chosen.includes(ns.path) && !ns.complete).map((ns) => ns.path);
}
