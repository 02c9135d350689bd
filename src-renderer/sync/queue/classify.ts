import type { FailureKind } from '../../../src-shared/queue/policy.js';
import { classifySyncError, serverRetryAfterMs } from '../../../src-shared/sync/errors.js';
import type { SyncContext } from '../context.js';

export type Outcome =
  { kind: FailureKind; message: string; retryAfterMs?: number } | { kind: 'auth'; error: unknown };

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * What a failed handler means for its entry. `forbidden` may be about the
 * account (suspended) or about this one intent (an op by another author, a
 * namespace the user does not own): asking the server who we are tells them
 * apart, so one forbidden entry fails alone instead of stopping all sync.
 */
export async function classifyHandlerError(ctx: SyncContext, error: unknown): Promise<Outcome> {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'queue_refused' || code === 'not_found') return { kind: 'refused', message };
  if (code === 'forbidden')
    return (await accountIsFine(ctx)) ? { kind: 'refused', message } : { kind: 'auth', error };
  const failure = classifySyncError(error);
  if (failure.kind === 'auth') return { kind: 'auth', error };
  const retryAfterMs = serverRetryAfterMs(error);
  return retryAfterMs > 0 ? { kind: failure.kind, message, retryAfterMs } : { kind: failure.kind, message };
}

export async function accountIsFine(ctx: SyncContext): Promise<boolean> {
  try {
    await ctx.remote.me();
    return true;
  } catch {
    return false;
  }
}
