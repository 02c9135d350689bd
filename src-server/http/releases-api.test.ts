import { describe } from 'vitest';
import { BACKENDS } from '../testing/harness.js';
import { useSharedServer } from '../testing/shared-server.js';
import { releaseCases } from './releases.cases.js';

/** Releases over HTTP, on each store: one server per store, tables emptied before each case. */
describe.each(BACKENDS)('releases API on %s', (backend) => {
  const shared = useSharedServer(backend, { heartbeatMs: 100, namespaceClaim: 'admin' });
  describe('releases', () => releaseCases(shared));
});
