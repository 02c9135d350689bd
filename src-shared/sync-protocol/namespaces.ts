import { z } from 'zod';
import { NamespaceSchema } from '../model/index.js';
import { CheckpointSchema } from './pull.js';

export const ServerNamespaceSchema = NamespaceSchema.extend({ changeSeq: z.number().int().positive() });
export type ServerNamespace = z.infer<typeof ServerNamespaceSchema>;

/** GET /v1/namespaces/pull?since&limit (owners change through the admin API or POST /v1/namespaces/:path/owners). */
export const PullNamespacesResponseSchema = z.object({
  namespaces: z.array(ServerNamespaceSchema),
  checkpoint: CheckpointSchema,
  hasMore: z.boolean(),
});
export type PullNamespacesResponse = z.infer<typeof PullNamespacesResponseSchema>;
