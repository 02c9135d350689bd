import { describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { userClient } from '../testing/client.js';
import { BACKENDS, startTestServer } from '../testing/harness.js';
import { useSharedServer } from '../testing/shared-server.js';
import { openStream } from '../testing/sse.js';
import { accessCases } from './access.cases.js';
import { branchRightsCases } from './branch-rights.cases.js';
import { branchCases } from './branches.cases.js';
import { digestCases } from './digest.cases.js';
import { itemHistoryCases } from './item-history.cases.js';
import { opPushCases } from './ops-push.cases.js';
import { streamCases } from './stream.cases.js';
import { visibilityCases } from './visibility.cases.js';

/**
 * The sync API over HTTP, on each store. Starting an embedded store takes
 * seconds, so one server per store serves every group of cases (each in its
 * own *.cases.ts beside this file), with all tables emptied before each case.
 */
describe.each(BACKENDS)('sync API on %s', (backend) => {
  // These cases name owners through the admin; claims on first push are in trust-api.test.ts.
  const shared = useSharedServer(backend, { heartbeatMs: 100, namespaceClaim: 'admin' });

  describe('op push', () => opPushCases(shared));
  describe('approval status and visibility', () => visibilityCases(shared));
  describe('branches', () => branchCases(shared));
  describe('branch rights and bounds', () => branchRightsCases(shared));
  describe('access ends sessions', () => accessCases(shared));
  describe('live stream', () => streamCases(shared));
  describe('item history', () => itemHistoryCases(shared));
  describe('anti-entropy digest', () => digestCases(shared));
});

describe('closing the server', () => {
  it('ends open streams so shutdown does not hang', async () => {
    const server = await startTestServer('postgres');
    try {
      const alice = await userClient(server.admin, server.url, 'alice');
      const stream = await openStream(new URL(syncRoutes.stream, server.url).href, alice.token as string);
      await stream.waitFor((e) => e.event === 'hello');
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await server.destroy();
    }
  });
});
