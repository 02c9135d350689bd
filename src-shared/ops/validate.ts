import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { ItemKind, ItemSnapshot, Op } from '../model/index.js';
import { ItemKindSchema, ItemPathSchema, MAX_PARENTS, OpBodySchema, OpSchema } from '../model/index.js';

/** The user's inputs to an op, checked before anything (the clock, ids) is touched. */
export function checkItemInput(input: { path: string; kind: ItemKind; content: string }): void {
  checkPath(input.path);
  const kind = ItemKindSchema.safeParse(input.kind);
  if (!kind.success) {
    throw new ValidationError(
      `"${String(input.kind)}" is not an item kind (use one of ${ItemKindSchema.options.join(', ')})`,
      'kind',
    );
  }
  const content = OpBodySchema.shape.content.safeParse(input.content);
  if (!content.success)
    throw new ValidationError(firstMessage(content.error, 'Content is not valid'), 'content');
}

export function checkPath(path: string): void {
  const result = ItemPathSchema.safeParse(path);
  if (!result.success) {
    const shown = typeof path === 'string' ? `"${path.slice(0, 80)}"` : 'This';
    throw new ValidationError(
      `${shown} is not a valid path. ${firstMessage(result.error, '')}`.trim(),
      'path',
    );
  }
}

export function checkSnapshot(snapshot: ItemSnapshot): void {
  checkItemInput(snapshot);
}

export function checkParents(parents: readonly string[]): void {
  if (parents.length > MAX_PARENTS) {
    throw new ValidationError(
      `This item has ${parents.length} heads; an op can name at most ${MAX_PARENTS}. Resolve some of them first.`,
      'parents',
    );
  }
}

const ContextSchema = OpBodySchema.pick({ author: true, instanceId: true, branchId: true });

/** The op context's own fields, checked before the clock ticks. */
export function checkContext(ctx: { author: string; instanceId: string; branchId: string }): void {
  const result = ContextSchema.safeParse({
    author: ctx.author,
    instanceId: ctx.instanceId,
    branchId: ctx.branchId,
  });
  if (result.success) return;
  const issue = result.error.issues[0];
  const field = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  throw new ValidationError(
    `The op context's ${field ?? 'data'} is not valid: ${issue?.message ?? ''}`,
    field,
  );
}

/** The whole op, checked against the shared schema (catches a broken context too). */
export function parseOp(candidate: Op): Op {
  const result = OpSchema.safeParse(candidate);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  throw new ValidationError(
    `The op's ${field ?? 'data'} is not valid: ${issue?.message ?? 'unknown problem'}`,
    field,
  );
}

function firstMessage(error: z.ZodError, fallback: string): string {
  return error.issues[0]?.message ?? fallback;
}
