import { z } from 'zod';
import { NamespacePathSchema } from './path.js';

/** A namespace that has owners. Namespaces without a record are implied by item paths. */
export const NamespaceSchema = z.object({
  path: NamespacePathSchema,
  owners: z.array(z.string().min(1)).max(256),
  updatedAt: z.number().int(),
});
export type Namespace = z.infer<typeof NamespaceSchema>;
