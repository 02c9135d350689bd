import { RemoteClient } from '../../src-main/remote/remote-client.js';
import { MAX_PULL_LIMIT } from '../../src-shared/sync-protocol/index.js';

/**
 * The ids of every op on main, pulled page by page straight from the server
 * (not through the proxy). A pull lists an op again when it changes, so the
 * ids are deduplicated here; duplicate rows are judged from the store itself.
 */
export async function serverOpIdsOverHttp(serverUrl: string, token: string): Promise<string[]> {
  const remote = new RemoteClient({ endpoint: () => ({ serverUrl, token }), timeoutMs: 30_000 });
  const ids = new Set<string>();
  let since = 0;
  for (;;) {
    const page = await remote.pullOps({ branch: 'main', since, limit: MAX_PULL_LIMIT });
    for (const op of page.ops) ids.add(op.id);
    since = page.checkpoint;
    if (!page.hasMore) return [...ids];
  }
}
