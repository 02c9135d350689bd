import type { OpStatus } from '../../src-shared/model/index.js';
import type {
  AdminUser,
  ApprovalRequest,
  ApprovalState,
  IssuedToken,
  ServerNamespace,
  SetOpStatusResponse,
  TokenInfo,
} from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { listApprovalsForAdmin } from '../store/approvals-read.js';
import { listNamespaces, setOwners } from '../store/namespaces.js';
import { setOpStatus } from '../store/ops-pull.js';
import {
  createUser,
  issueToken,
  listTokens,
  revokeAllTokens,
  revokeToken,
  setSuspended,
} from '../store/users.js';

/** What an administrator can do; one shape whether it runs on the store or over HTTP. */
export interface AdminApi {
  createUser(name: string): Promise<AdminUser>;
  suspendUser(name: string): Promise<AdminUser>;
  unsuspendUser(name: string): Promise<AdminUser>;
  /** The token is in the result once and nowhere else. */
  issueToken(name: string): Promise<IssuedToken>;
  listTokens(name: string): Promise<TokenInfo[]>;
  revokeToken(tokenId: string): Promise<number>;
  revokeAllTokens(name: string): Promise<number>;
  setOwners(namespace: string, owners: string[]): Promise<ServerNamespace>;
  listNamespaces(): Promise<ServerNamespace[]>;
  setOpStatus(opId: string, status: OpStatus, approvalId?: string | null): Promise<SetOpStatusResponse>;
  listApprovals(state?: ApprovalState): Promise<ApprovalRequest[]>;
}

export function storeAdmin(db: Db): AdminApi {
  return {
    createUser: (name) => createUser(db, name),
    suspendUser: (name) => setSuspended(db, name, true),
    unsuspendUser: (name) => setSuspended(db, name, false),
    issueToken: (name) => issueToken(db, name),
    listTokens: (name) => listTokens(db, name),
    revokeToken: (tokenId) => revokeToken(db, tokenId),
    revokeAllTokens: (name) => revokeAllTokens(db, name),
    setOwners: (namespace, owners) => setOwners(db, namespace, owners),
    listNamespaces: () => listNamespaces(db),
    setOpStatus: (opId, status, approvalId) => setOpStatus(db, opId, status, approvalId),
    listApprovals: (state) => listApprovalsForAdmin(db, state),
  };
}
