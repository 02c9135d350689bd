import { describe } from 'vitest';
import { BACKENDS } from '../testing/harness.js';
import { useSharedServer } from '../testing/shared-server.js';
import { approvalDiffCases } from './approvals-diff.cases.js';
import { approvalSecurityCases } from './approvals-security.cases.js';
import { approvalCases } from './approvals.cases.js';
import { ownerCases } from './owners.cases.js';

/**
 * Namespace ownership and approval requests over HTTP, on each store: one
 * server per store for every group of cases, tables emptied before each case.
 */
describe.each(BACKENDS)('approvals API on %s', (backend) => {
  // These cases name owners through the admin; claims on first push are in trust-api.test.ts.
  const shared = useSharedServer(backend, { heartbeatMs: 100, namespaceClaim: 'admin' });

  describe('approval requests', () => approvalCases(shared));
  describe('submitted and current diffs', () => approvalDiffCases(shared));
  describe('security', () => approvalSecurityCases(shared));
  describe('namespace owners', () => ownerCases(shared));
});
