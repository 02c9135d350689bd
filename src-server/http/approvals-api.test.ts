import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { SharedServer, TestServer } from '../testing/harness.js';
import { BACKENDS, startTestServer } from '../testing/harness.js';
import { approvalSecurityCases } from './approvals-security.cases.js';
import { approvalCases } from './approvals.cases.js';
import { ownerCases } from './owners.cases.js';

/**
 * Namespace ownership and approval requests over HTTP, on each store: one
 * server per store for every group of cases, tables emptied before each case.
 */
describe.each(BACKENDS)('approvals API on %s', (backend) => {
  let current: TestServer | null = null;
  const shared: SharedServer = {
    get server() {
      if (!current) throw new Error('the shared server has not started');
      return current;
    },
  };
  beforeAll(async () => {
    current = await startTestServer(backend, { heartbeatMs: 100 });
  });
  afterAll(() => current?.destroy());
  beforeEach(() => shared.server.reset());

  describe('approval requests', () => approvalCases(shared));
  describe('security', () => approvalSecurityCases(shared));
  describe('namespace owners', () => ownerCases(shared));
});
