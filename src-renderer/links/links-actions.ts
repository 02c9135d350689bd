import { BridgeError } from '../../src-shared/bridge/contract.js';
import type { Bridge } from '../../src-shared/bridge/index.js';
import { linkImportChanges } from '../../src-shared/links/import.js';
import { linkedNamespaces, lockConflictRefusal } from '../../src-shared/links/facts.js';
import { isLinkRecordPath, parseLock, type LinkRequest } from '../../src-shared/links/lock.js';
import { previewPull } from '../../src-shared/links/preview.js';
import { isWithinNamespace, splitPath } from '../../src-shared/model/path.js';
import type { Workspace } from '../workspace/index.js';
import { atLockKey, useLinks, type ShownPreview } from '../state/links-slice.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks main, for every linked namespace of the view, for upstream's files
 * at the lock (once per commit: they never change) and upstream's state
 * now (main answers the last known one offline).
 */
export async function refreshLinks(bridge: Bridge, workspace: Workspace): Promise<void> {
  const items = workspace.getSnapshot().items;
  useLinks.setState({ busy: true, error: null });
  try {
    const locks = linkedNamespaces(items.map(viewOf)).flatMap(({ namespace, lockContent }) => {
      const parsed = parseLock(lockContent);
      return parsed.ok ? [{ namespace, lock: parsed.lock }] : [];
    });
    // Each namespace reads its own local store: asked side by side (components.status.100 measures this).
    await Promise.all(
      locks.map(async ({ namespace, lock }) => {
        const key = atLockKey(namespace, lock.commit);
        if (useLinks.getState().atLock[key]) return;
        const { items: files } = await bridge.call('links.items', { namespace, lock });
        const byPath = Object.fromEntries(files.map((file) => [file.path, file.content]));
        useLinks.setState((s) => ({ atLock: { ...s.atLock, [key]: byPath } }));
      }),
    );
    // Main remembers each answer in one file, so upstream is asked one namespace at a time.
    for (const { namespace, lock } of locks) {
      const upstream = await bridge.call('links.upstream', { namespace, lock });
      useLinks.setState((s) => ({ upstream: { ...s.upstream, [namespace]: upstream } }));
    }
  } catch (error) {
    useLinks.setState({ error: messageOf(error) });
  } finally {
    useLinks.setState({ busy: false });
  }
}

/**
 * Links an empty namespace: main pins the request to an exact commit, then
 * its files and the lock item are written as items (ops like any edit, so
 * the team gets them by sync).
 */
export async function linkNamespace(
  bridge: Bridge,
  workspace: Workspace,
  namespace: string,
  request: LinkRequest,
): Promise<string | null> {
  const result = await bridge.call('links.lock', { links: { [namespace]: request } });
  if (!result.ok) return result.error.message;
  const lock = result.locks[0]?.lock;
  if (!lock) return 'Upstream gave no commit.';
  const existing = workspace
    .getSnapshot()
    .items.filter((item) => isWithinNamespace(splitPath(item.path).namespace, namespace))
    .map((item) => item.path);
  const { items } = await bridge.call('links.items', { namespace, lock });
  const plan = linkImportChanges(namespace, lock, items, existing);
  if (!plan.ok) return plan.message;
  for (const change of plan.changes) {
    if (change.type === 'create')
      await workspace.createItem({ path: change.path, kind: change.kind, content: change.content });
  }
  useLinks.setState((s) => ({
    atLock: {
      ...s.atLock,
      [atLockKey(namespace, lock.commit)]: Object.fromEntries(items.map((i) => [i.path, i.content])),
    },
  }));
  await refreshLinks(bridge, workspace);
  return null;
}

export function viewOf(item: { path: string; content: string; deleted: boolean; conflict: unknown }) {
  return {
    path: item.path,
    content: item.content,
    deleted: item.deleted,
    inConflict: item.conflict !== null,
  };
}

/**
 * The dry-run of pulling `namespace` to what its constraint resolves to
 * upstream now: one merge in main, whose entries the table shows and a pull
 * applies. Each item's head now is kept, so a later edit meets the pull as
 * a conflict. Null when the namespace is not linked; a refusal in words.
 */
export async function computePullPreview(
  bridge: Bridge,
  workspace: Workspace,
  namespace: string,
): Promise<ShownPreview | { error: string } | null> {
  const items = workspace.getSnapshot().items;
  const lockClash = lockConflictRefusal(namespace, items.map(viewOf));
  if (lockClash) return { error: lockClash };
  const locks = new Map(
    linkedNamespaces(items.map(viewOf)).flatMap(({ namespace: ns, lockContent }) => {
      const parsed = parseLock(lockContent);
      return parsed.ok ? [[ns, parsed.lock] as const] : [];
    }),
  );
  const lock = locks.get(namespace);
  if (!lock) return null;
  const requests = Object.fromEntries(
    [...locks].map(([ns, l]) => [
      ns,
      { repository: l.repository, path: l.path, constraint: l.constraint, requires: l.requires },
    ]),
  );
  const resolved = await bridge.call('links.lock', { links: requests });
  if (!resolved.ok) return { error: resolved.error.message };
  const target = resolved.locks.find((l) => l.namespace === namespace)?.lock;
  if (!target) return null;
  const own = items.filter(
    (item) => isWithinNamespace(splitPath(item.path).namespace, namespace) && !isLinkRecordPath(item.path),
  );
  const local = own.map((item) => ({ path: item.path, kind: item.kind, content: item.content }));
  // One merge for both: the table shows what these entries say, and applying plans from them.
  const entries = await bridge.call('links.pullContents', { namespace, lock, target, local });
  const heads = Object.fromEntries(own.flatMap((item) => item.heads.map((head) => [item.path, head])));
  return { namespace, target, preview: previewPull(entries), entries, heads };
}

/** Shows the dry-run of a pull under the table (or why there is none: offline, upstream's answer). */
export async function previewLinkPull(
  bridge: Bridge,
  workspace: Workspace,
  namespace: string,
): Promise<void> {
  useLinks.setState({ busy: true, error: null, upstreamOut: null });
  try {
    const shown = await computePullPreview(bridge, workspace, namespace);
    if (shown && 'error' in shown) return void useLinks.setState({ error: shown.error });
    if (shown) useLinks.setState({ preview: shown, pulled: null });
  } catch (error) {
    // Upstream out of reach: the pull can still wait in the sync queue (PullPanel offers it).
    const out = error instanceof BridgeError && error.code === 'offline';
    useLinks.setState({ error: messageOf(error), upstreamOut: out ? namespace : null });
  } finally {
    useLinks.setState({ busy: false });
  }
}
