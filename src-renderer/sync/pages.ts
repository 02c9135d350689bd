/**
 * Fetching pauses once this many ops wait to be stored. Pages arrive faster than
 * IndexedDB stores them, and each write costs a transaction (flushed to
 * disk: the storage is strict), a change event the workspace absorbs and a
 * checkpoint write; grouping the pages that piled up meanwhile pays those
 * once per group instead of once per page.
 */
export const GROUP_MAX_OPS = 10_000;

/**
 * Walks server pages strictly in order, handing them on in groups: while
 * one group is written locally the next pages are fetched (the network and
 * the local database work at the same time, and a fresh client's time is
 * mostly these two), and whatever arrived by then is the next group. The
 * first group is the first page alone, so the first items show at once;
 * fetching pauses once `maxOps` wait. A failed fetch ends the walk after
 * the pages before it are handled; a failed handle drops what was fetched
 * beyond it (so each group's checkpoint is saved only after its write).
 */
export async function forEachPageGroup<P>(
  first: Promise<P>,
  next: (page: P) => Promise<P> | null,
  sizeOf: (page: P) => number,
  handle: (pages: P[]) => Promise<void>,
  maxOps = GROUP_MAX_OPS,
): Promise<void> {
  const waiting: P[] = [];
  let waitingOps = 0;
  let stopped = false;
  let change = signal();
  const poke = () => {
    const fired = change;
    change = signal();
    fired.fire();
  };
  let fetched = false;
  const fetching = (async () => {
    try {
      let request: Promise<P> | null = first;
      while (request && !stopped) {
        const page: P = await request;
        request = next(page);
        request?.catch(() => undefined); // dropped when handling stops the walk
        waiting.push(page);
        waitingOps += sizeOf(page);
        poke();
        while (waitingOps >= maxOps && !stopped) await change.settled;
      }
    } finally {
      fetched = true;
      poke();
    }
  })();
  fetching.catch(() => undefined); // its failure is thrown below, once the pages before it are handled
  try {
    for (;;) {
      while (waiting.length === 0 && !fetched) await change.settled;
      if (waiting.length === 0) return await fetching; // throws the fetch's failure
      const group = waiting.splice(0);
      waitingOps = 0;
      poke();
      await handle(group);
    }
  } finally {
    stopped = true;
    poke();
  }
}

function signal(): { settled: Promise<void>; fire: () => void } {
  let fire = () => undefined as void;
  const settled = new Promise<void>((resolve) => (fire = resolve));
  return { settled, fire };
}

/** The last page of a group (a group is never empty). */
export function lastOf<P>(pages: readonly P[]): P {
  const page = pages.at(-1);
  if (page === undefined) throw new Error('A group of pages is never empty');
  return page;
}
