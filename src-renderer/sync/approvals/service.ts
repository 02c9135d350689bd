import {
  awaitingApproval,
  checkDraft,
  commonNamespace,
  isEditable,
  isRevisable,
  type ApprovalDraftInput,
  type LocalApproval,
} from '../../../src-shared/approvals/index.js';
import { ValidationError } from '../../../src-shared/errors.js';
import type { Op } from '../../../src-shared/model/index.js';
import type {
  ApprovalDecisionRequest,
  ApprovalDetailResponse,
  ApprovalDiffResponse,
} from '../../../src-shared/sync-protocol/index.js';
import type { ApprovalsApi } from '../../../src-shared/sync/approvals-api.js';
import type { TetherDb } from '../../db/index.js';
import { newRandomId } from '../../workspace/ids.js';
import { SUBMIT_TYPE } from './keys.js';
import { queueSubmission } from './submit.js';

export interface ApprovalServiceDeps {
  db: TetherDb;
  api: ApprovalsApi;
  user: string;
  now?: () => number;
  /** Asks the sync engine to run queued submissions (and pull) soon. */
  kick?: () => void;
}

/**
 * The approval actions the UI takes. Author side: drafts are written to the
 * local database first (they work offline); submitting queues an outbox
 * entry. Owner side (needs the server): decide, diff, co-owners.
 */
export class ApprovalService {
  private readonly now: () => number;

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  get user(): string {
    return this.deps.user;
  }

  /** Every local op by id, and the user's ops that wait for an owner and are in no request yet. */
  async localOps(): Promise<{ byId: Map<string, Op>; awaiting: Op[] }> {
    const { db } = this.deps;
    const [ops, namespaces, requests] = await Promise.all([
      db.ops.all(),
      db.namespaces.all(),
      db.approvals.all(),
    ]);
    return {
      byId: new Map(ops.map((op) => [op.id, op])),
      awaiting: awaitingApproval(ops, namespaces, requests, this.deps.user),
    };
  }

  /** A new draft over `input.opIds` (which must be the user's ops on one branch, in one namespace). */
  async createDraft(input: ApprovalDraftInput): Promise<LocalApproval> {
    const draft = checkDraft(input);
    const branchId = await this.checkOps(draft.opIds);
    const at = this.now();
    const record: LocalApproval = {
      id: newRandomId(),
      author: this.deps.user,
      ...draft,
      branchId,
      state: 'draft',
      server: null,
      error: null,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.db.approvals.upsert(record);
    return record;
  }

  /** Changes text or ops while the request has not reached the server (draft, queued, failed). */
  async updateDraft(id: string, input: ApprovalDraftInput): Promise<LocalApproval> {
    const request = await this.mine(id);
    if (!isEditable(request)) {
      throw new ValidationError(
        `“${request.title}” is ${request.state}; it can no longer be edited`,
        'state',
      );
    }
    const draft = checkDraft(input);
    const branchId = await this.checkOps(draft.opIds);
    const next = { ...request, ...draft, branchId, updatedAt: this.now() };
    await this.deps.db.approvals.upsert(next);
    return next;
  }

  /** Queues the submission: "pending submission" until the server has it. */
  async submit(id: string): Promise<LocalApproval> {
    const request = await this.mine(id);
    if (!isEditable(request))
      throw new ValidationError(`“${request.title}” is already ${request.state}`, 'state');
    checkDraft(request);
    return this.queue(request, request.server ? 'revise' : 'submit');
  }

  /** Revises a rejected request with new text and ops, and queues it again. */
  async revise(id: string, input: ApprovalDraftInput): Promise<LocalApproval> {
    const request = await this.mine(id);
    if (!isRevisable(request)) {
      throw new ValidationError(
        `Only a rejected request can be revised; “${request.title}” is ${request.state}`,
        'state',
      );
    }
    const draft = checkDraft(input);
    const branchId = await this.checkOps(draft.opIds);
    return this.queue({ ...request, ...draft, branchId }, 'revise');
  }

  /** Removes a request the server never accepted, with its queued submission. */
  async discard(id: string): Promise<void> {
    const request = await this.mine(id);
    if (request.server)
      throw new ValidationError('The server has this request; it cannot be discarded', 'state');
    for (const entry of await this.entriesOf(id)) await this.deps.db.queue.remove(entry.id);
    await this.deps.db.approvals.remove(id);
  }

  /** An owner approves or rejects, whole or item by item; the answer is stored at once. */
  async decide(id: string, decision: ApprovalDecisionRequest): Promise<LocalApproval> {
    const { request } = await this.deps.api.decideApproval(id, decision);
    const local = await this.deps.db.approvals.get(id);
    const next: LocalApproval = {
      ...(local ?? { id, author: request.author, error: null, createdAt: request.createdAt }),
      title: request.title,
      description: request.description,
      branchId: request.branchId,
      opIds: request.opIds,
      state: request.state,
      server: request,
      updatedAt: this.now(),
    };
    await this.deps.db.approvals.upsert(next);
    this.deps.kick?.();
    return next;
  }

  diff(id: string): Promise<ApprovalDiffResponse> {
    return this.deps.api.approvalDiff(id);
  }

  detail(id: string): Promise<ApprovalDetailResponse> {
    return this.deps.api.getApproval(id);
  }

  /** An owner adds co-owners; the namespace record is stored as the server answered. */
  async addOwners(path: string, names: readonly string[]): Promise<void> {
    const add = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    if (add.length === 0) throw new ValidationError('Name someone to add as an owner', 'add');
    const { namespace } = await this.deps.api.updateOwners(path, { add });
    const { changeSeq: _position, ...record } = namespace;
    await this.deps.db.namespaces.upsert(record);
  }

  // ---- internals ----

  private async queue(request: LocalApproval, mode: 'submit' | 'revise'): Promise<LocalApproval> {
    const next: LocalApproval = {
      ...request,
      state: 'pending_submission',
      error: null,
      updatedAt: this.now(),
    };
    await this.deps.db.approvals.upsert(next);
    await queueSubmission({ db: this.deps.db, now: this.now }, next, mode);
    this.deps.kick?.();
    return next;
  }

  private async mine(id: string): Promise<LocalApproval> {
    const request = await this.deps.db.approvals.get(id);
    if (!request) throw new ValidationError(`There is no approval request “${id}”`, 'id');
    if (request.author !== this.deps.user) {
      throw new ValidationError(`Only its author, ${request.author}, can change this request`, 'author');
    }
    return request;
  }

  private async entriesOf(id: string) {
    return (await this.deps.db.queue.all()).filter(
      (e) => e.type === SUBMIT_TYPE && (e.payload as { requestId?: string }).requestId === id,
    );
  }

  /** The ops exist here, are the user's, share one branch and one namespace. */
  private async checkOps(opIds: readonly string[]): Promise<string> {
    const known = new Map((await this.deps.db.ops.all()).map((op) => [op.id, op]));
    const ops: Op[] = [];
    for (const id of opIds) {
      const op = known.get(id);
      if (!op) throw new ValidationError(`Change ${id} is not in the local database`, 'opIds');
      if (op.author !== this.deps.user) throw new ValidationError(`Change ${id} is not yours`, 'opIds');
      if (op.status === 'approved') throw new ValidationError(`Change ${id} is already approved`, 'opIds');
      ops.push(op);
    }
    const branchId = ops[0]?.branchId as string;
    if (ops.some((op) => op.branchId !== branchId)) {
      throw new ValidationError('A request covers one branch; split the changes by branch', 'opIds');
    }
    if (commonNamespace(ops.map((op) => op.path)) === '') {
      throw new ValidationError(
        'These changes share no namespace; split them into one request per namespace',
        'opIds',
      );
    }
    return branchId;
  }
}
