import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { LinkMethod } from '../../src-shared/bridge/links.js';
import type { LinkService } from '../links/link-service.js';

/** Linked namespaces: resolving, reading upstream's files, upstream's state, the pull preview. */
export function createLinkHandlers(links: LinkService, userName: string): HandlerMap<LinkMethod> {
  return {
    'links.lock': ({ links: requests }) => links.lock(new Map(Object.entries(requests)), userName),
    'links.items': ({ namespace, lock }) => links.items(namespace, lock),
    'links.upstream': ({ namespace, lock }) => links.upstreamOf(namespace, lock),
    'links.preview': ({ namespace, lock, target, local }) => links.preview(namespace, lock, target, local),
    'links.pullContents': ({ namespace, lock, target, local }) =>
      links.pullContents(namespace, lock, target, local),
  };
}
