/** Every route of the sync server, so client and server name them once. */
export const syncRoutes = {
  health: '/health',
  ready: '/ready',
  me: '/v1/me',
  pushOps: '/v1/ops/push',
  pullOps: '/v1/ops/pull',
  heads: '/v1/ops/heads',
  itemHistory: '/v1/ops/item-history',
  opsDigest: '/v1/ops/digest',
  pushBranches: '/v1/branches/push',
  pullBranches: '/v1/branches/pull',
  mergeBranch: '/v1/branches/:id/merge',
  abandonBranch: '/v1/branches/:id/abandon',
  branchCollaborators: '/v1/branches/:id/collaborators',
  pullNamespaces: '/v1/namespaces/pull',
  stream: '/v1/stream',
  approvals: '/v1/approvals',
  approval: '/v1/approvals/:id',
  approvalDecision: '/v1/approvals/:id/decision',
  approvalComments: '/v1/approvals/:id/comments',
  approvalDiff: '/v1/approvals/:id/diff',
  namespaceOwners: '/v1/namespaces/:path/owners',
} as const;

export const adminRoutes = {
  createUser: '/admin/v1/users',
  suspendUser: '/admin/v1/users/:name/suspend',
  unsuspendUser: '/admin/v1/users/:name/unsuspend',
  issueToken: '/admin/v1/users/:name/tokens',
  listTokens: '/admin/v1/users/:name/tokens',
  revokeAllTokens: '/admin/v1/users/:name/tokens/revoke',
  revokeToken: '/admin/v1/tokens/:id/revoke',
  setOwners: '/admin/v1/namespaces/:path/owners',
  listNamespaces: '/admin/v1/namespaces',
  setOpStatus: '/admin/v1/ops/:id/status',
  listApprovals: '/admin/v1/approvals',
} as const;

/** Fills `:name` placeholders, URL-encoding each value. */
export function routePath(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Missing route parameter ${key} for ${route}`);
    return encodeURIComponent(value);
  });
}
