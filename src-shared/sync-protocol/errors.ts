import { z } from 'zod';

/** What went wrong, for code to branch on; the message is for people. */
export const ErrorCodeSchema = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'too_many_requests',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * Every error the server sends has this body. `opId` / `branchId` name the
 * op or branch a batch failed on, so a client can mark exactly that queue
 * entry as failed; `field` names the offending field when there is one.
 */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    opId: z.string().optional(),
    branchId: z.string().optional(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
