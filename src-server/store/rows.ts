import type { Branch, ItemKind, OpBody, OpStatus, OpType } from '../../src-shared/model/index.js';
import type { ServerBranch, ServerNamespace, ServerOp } from '../../src-shared/sync-protocol/index.js';
import { num, numOrNull } from '../db/db.js';

/** Column lists and row → wire mappers, so every query returns the same shapes. */

export const OP_COLUMNS = `id, item_id, branch_id, type, path, kind, content, parents, author,
  instance_id, hlc, status, approval_id, server_seq, change_seq, created_at`;

export interface OpRow {
  id: string;
  item_id: string;
  branch_id: string;
  type: string;
  path: string;
  kind: string;
  content: string;
  parents: string[];
  author: string;
  instance_id: string;
  hlc: string;
  status: string;
  approval_id: string | null;
  server_seq: unknown;
  change_seq: unknown;
  created_at: unknown;
  [key: string]: unknown;
}

export function bodyFromRow(row: OpRow): OpBody {
  return {
    id: row.id,
    itemId: row.item_id,
    branchId: row.branch_id,
    type: row.type as OpType,
    path: row.path,
    kind: row.kind as ItemKind,
    content: row.content,
    parents: row.parents,
    author: row.author,
    instanceId: row.instance_id,
    hlc: row.hlc,
  };
}

export function opFromRow(row: OpRow): ServerOp {
  return {
    ...bodyFromRow(row),
    status: row.status as OpStatus,
    approvalId: row.approval_id,
    serverSeq: num(row.server_seq),
    changeSeq: num(row.change_seq),
    receivedAt: num(row.created_at),
  };
}

export const BRANCH_COLUMNS = `id, name, state, main_policy, base_seq, base_hlc, base_instance_id,
  created_by, created_at, updated_at, merged_at, merged_by, collaborators, change_seq`;

export interface BranchRow {
  id: string;
  name: string;
  state: string;
  main_policy: string;
  base_seq: unknown;
  base_hlc: string;
  base_instance_id: string;
  created_by: string;
  created_at: unknown;
  updated_at: unknown;
  merged_at: unknown;
  merged_by: string | null;
  collaborators: string[];
  change_seq: unknown;
  [key: string]: unknown;
}

export function branchFromRow(row: BranchRow): ServerBranch {
  return {
    id: row.id,
    name: row.name,
    state: row.state as Branch['state'],
    mainPolicy: row.main_policy as Branch['mainPolicy'],
    baseSeq: num(row.base_seq),
    baseHlc: row.base_hlc,
    baseInstanceId: row.base_instance_id,
    createdBy: row.created_by,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
    mergedAt: numOrNull(row.merged_at),
    mergedBy: row.merged_by,
    collaborators: row.collaborators,
    changeSeq: num(row.change_seq),
  };
}

export interface NamespaceRow {
  path: string;
  owners: string[];
  updated_at: unknown;
  change_seq: unknown;
  [key: string]: unknown;
}

export function namespaceFromRow(row: NamespaceRow): ServerNamespace {
  return {
    path: row.path,
    owners: row.owners,
    updatedAt: num(row.updated_at),
    changeSeq: num(row.change_seq),
  };
}
