import { describe } from 'vitest';
import { BACKENDS } from '../testing/harness.js';
import { useSharedServer } from '../testing/shared-server.js';
import { trustItemCases } from './trust-items.cases.js';
import { adminOwnerCases, claimCases } from './trust-owners.cases.js';

/**
 * Issue 13 over HTTP, on each store: item rules, refusals that reveal
 * nothing, and namespace ownership under both claim settings (one shared
 * server per setting and store, tables emptied before each case).
 */
describe.each(BACKENDS)('trust on %s', (backend) => {
  describe('first pusher claims', () => {
    const shared = useSharedServer(backend, { heartbeatMs: 100, namespaceClaim: 'first-push' });
    describe('items and refusals', () => trustItemCases(shared));
    describe('claims', () => claimCases(shared));
  });
  describe('owners only by admin', () => {
    const shared = useSharedServer(backend, { heartbeatMs: 100, namespaceClaim: 'admin' });
    describe('owners', () => adminOwnerCases(shared));
  });
});
