import type { HandlerMap } from '../../src-shared/bridge/contract.js';
import type { LinkPushMethod } from '../../src-shared/bridge/link-push.js';
import type { LinkPushService } from '../links/push-service.js';

/** Pushing linked namespaces upstream, and the forge tokens it uses (kept in main). */
export function createLinkPushHandlers(push: LinkPushService): HandlerMap<LinkPushMethod> {
  return {
    'links.forges': () => push.forges(),
    'links.setForgeToken': ({ baseUrl, token }) => push.setForgeToken(baseUrl, token),
    'links.push': (request) => push.push(request),
    'links.pushes': ({ refresh }) => push.pushes(refresh),
    'links.syncFork': ({ namespace }) => push.syncFork(namespace),
  };
}
