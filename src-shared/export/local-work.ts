import { z } from 'zod';
import {
  BranchSchema,
  OpBodySchema,
  opBodyOf,
  QueueEntrySchema,
  type Branch,
  type Op,
  type QueueEntry,
} from '../model/index.js';

/**
 * "My local work" as a file: the ops the server does not have, the branches
 * they live on and the queued intents, so nothing is lost when work is
 * discarded, a token is revoked or the local database has to go. Versioned:
 * a reader refuses a version it does not know instead of guessing.
 */
export const LOCAL_WORK_FORMAT = 'tether.local-work';
export const LOCAL_WORK_VERSION = 1;

export const ExportReasonSchema = z.enum(['manual', 'discard', 'token-revoked', 'database-lost']);
export type ExportReason = z.infer<typeof ExportReasonSchema>;

export const LocalWorkExportSchema = z.object({
  format: z.literal(LOCAL_WORK_FORMAT),
  version: z.literal(LOCAL_WORK_VERSION),
  exportedAt: z.number().int().nonnegative(),
  reason: ExportReasonSchema,
  userName: z.string(),
  instanceId: z.string(),
  /** Unacknowledged ops, bodies only (the server has never seen them). */
  ops: z.array(OpBodySchema),
  /** Branches the ops belong to, so an import can recreate them first. */
  branches: z.array(BranchSchema),
  /** Queue entries other than pushes (merges, approval submissions, resolutions). */
  queue: z.array(QueueEntrySchema),
});
export type LocalWorkExport = z.infer<typeof LocalWorkExportSchema>;

export function buildLocalWorkExport(input: {
  reason: ExportReason;
  at: number;
  userName: string;
  instanceId: string;
  ops: readonly Op[];
  branches: readonly Branch[];
  queue: readonly QueueEntry[];
}): LocalWorkExport {
  const branchIds = new Set(input.ops.map((op) => op.branchId));
  for (const entry of input.queue) branchIds.add(branchOf(entry.payload) ?? '');
  return LocalWorkExportSchema.parse({
    format: LOCAL_WORK_FORMAT,
    version: LOCAL_WORK_VERSION,
    exportedAt: input.at,
    reason: input.reason,
    userName: input.userName,
    instanceId: input.instanceId,
    ops: input.ops.map(opBodyOf),
    branches: input.branches.filter((b) => branchIds.has(b.id)),
    queue: input.queue
      .filter((e) => e.type !== 'push_ops')
      .map((e) => ({ ...e, status: 'pending', retryCount: 0 })),
  });
}

function branchOf(payload: unknown): string | null {
  const id = (payload as { branchId?: unknown } | null)?.branchId;
  return typeof id === 'string' ? id : null;
}

export class LocalWorkFileError extends Error {
  readonly code = 'bad_request';
  constructor(message: string) {
    super(message);
    this.name = 'LocalWorkFileError';
  }
}

/** Reads a file's text; a wrong format or version gets a clear error. */
export function parseLocalWorkFile(text: string): LocalWorkExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LocalWorkFileError('This file is not a Tether export (it is not JSON)');
  }
  const header = json as { format?: unknown; version?: unknown } | null;
  if (header?.format !== LOCAL_WORK_FORMAT)
    throw new LocalWorkFileError('This file is not a Tether export of local work');
  if (header.version !== LOCAL_WORK_VERSION) {
    throw new LocalWorkFileError(
      `This export is version ${String(header.version)}; this Tether reads version ${LOCAL_WORK_VERSION}`,
    );
  }
  const parsed = LocalWorkExportSchema.safeParse(json);
  if (!parsed.success)
    throw new LocalWorkFileError(`This export is damaged: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export function localWorkFileName(reason: ExportReason, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return `tether-local-work-${reason}-${stamp}.json`;
}
