import { z } from 'zod';

/** A text file the user keeps (an export of local work). Main asks where (Electron) or uses its exports folder. */
export const SaveFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.-]+$/, 'A file name of letters, digits, dots, dashes and underscores')
    .refine((name) => !name.startsWith('.'), 'A file name may not start with a dot'),
  content: z.string().max(64 * 1024 * 1024),
});
export type SaveFileRequest = z.infer<typeof SaveFileRequestSchema>;

/** `saved: false` when the user cancelled; `path` is where it went. */
export const SaveFileResultSchema = z.object({ saved: z.boolean(), path: z.string().nullable() });
export type SaveFileResult = z.infer<typeof SaveFileResultSchema>;
