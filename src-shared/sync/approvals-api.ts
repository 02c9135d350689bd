import type { z } from 'zod';
import type {
  ApprovalDecisionRequest,
  ApprovalDetailResponse,
  ApprovalDiffResponse,
  ApprovalResponse,
  NamespaceResponseSchema,
  PullApprovalsQuery,
  PullApprovalsResponse,
  ReviseApprovalRequest,
  SubmitApprovalRequest,
  UpdateOwnersRequest,
} from '../sync-protocol/index.js';

export type NamespaceResponse = z.infer<typeof NamespaceResponseSchema>;

/**
 * What approval requests and co-ownership ask of the team server; a
 * companion of RemoteApi (same errors, same carriers: main's RemoteClient
 * over HTTP, the bridge's `remote.*Approval*` methods in the renderer).
 */
export interface ApprovalsApi {
  submitApproval(request: SubmitApprovalRequest): Promise<ApprovalResponse>;
  reviseApproval(id: string, request: ReviseApprovalRequest): Promise<ApprovalResponse>;
  decideApproval(id: string, request: ApprovalDecisionRequest): Promise<ApprovalResponse>;
  pullApprovals(query: PullApprovalsQuery): Promise<PullApprovalsResponse>;
  getApproval(id: string): Promise<ApprovalDetailResponse>;
  approvalDiff(id: string): Promise<ApprovalDiffResponse>;
  updateOwners(path: string, request: UpdateOwnersRequest): Promise<NamespaceResponse>;
}
