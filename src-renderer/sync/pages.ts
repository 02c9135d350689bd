/**
 * Walks server pages with the next request already in flight while the
 * current page is written locally: the network and the local database then
 * work at the same time (a fresh client's time is mostly these two). Pages
 * are still handled strictly in order, so checkpoints are saved in order.
 */
export async function forEachPage<P>(
  first: Promise<P>,
  next: (page: P) => Promise<P> | null,
  handle: (page: P) => Promise<void>,
): Promise<void> {
  let current: Promise<P> | null = first;
  while (current) {
    const page: P = await current;
    current = next(page);
    // If handling fails, the request in flight is dropped; its failure must not go unhandled.
    current?.catch(() => undefined);
    await handle(page);
  }
}
