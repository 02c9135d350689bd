import { BridgeError, type Bridge, type MethodName } from '../../src-shared/bridge/contract.js';
import { dispatchCall } from '../../src-shared/bridge/dispatch.js';
import type { LinkRequest } from '../../src-shared/links/lock.js';
import { createMainCore, type MainCore } from '../core.js';
import type { ForgeStandIn } from './forge-stand-in.js';

/**
 * Used by tests only: main's real core for `userName` in `dataDir`, and the
 * renderer's bridge to it (dispatchCall, as both transports do).
 */
export async function mainWithBridge(
  dataDir: string,
  userName: string,
): Promise<{ core: MainCore; bridge: Bridge }> {
  const core = await createMainCore({ dataDir, userName, shell: 'browser', version: '0', logEcho: false });
  const bridge = {
    call: async (method: MethodName, params?: unknown) => {
      const answer = await dispatchCall(core.handlers, method, params);
      if (!answer.ok) throw new BridgeError(answer.error);
      return answer.result;
    },
    on: () => () => {},
  } as Bridge;
  return { core, bridge };
}

/** Used by tests only: alice's crm on the forge stand-in, its components/crm folder at ^1. */
export function crmLinkRequest(forge: ForgeStandIn): LinkRequest {
  return {
    repository: forge.gitUrl('alice', 'crm'),
    path: 'components/crm',
    constraint: { kind: 'version', range: '^1' },
    requires: [],
  };
}
