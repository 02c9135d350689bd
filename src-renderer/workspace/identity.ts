import { z } from 'zod';
import { ValidationError } from '../../src-shared/errors.js';
import { IdSchema } from '../../src-shared/model/index.js';
import { MAX_HLC_NODE_LENGTH } from '../../src-shared/clock/hlc.js';

/** Who is working, and on which machine (the instance id also names the clock node). */
export interface Identity {
  userName: string;
  instanceId: string;
}

const IdentitySchema = z.object({
  userName: z.string().trim().min(1, 'A user name is required').max(128),
  instanceId: IdSchema.max(MAX_HLC_NODE_LENGTH),
});

export function checkIdentity(identity: Identity): Identity {
  const parsed = IdentitySchema.safeParse(identity);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new ValidationError(`Invalid identity (${field}): ${issue?.message}`, field || undefined);
}
