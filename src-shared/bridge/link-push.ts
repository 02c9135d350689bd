import { z } from 'zod';
import { LockRecordSchema } from '../links/lock.js';
import { PushChangeSchema, PushRecordSchema } from '../links/push-plan.js';
import { NamespacePathSchema } from '../model/path.js';

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

/** A forge's REST API address (`https://api.github.com`, `https://host/api/v3`), without a trailing slash. */
export const ForgeBaseUrlSchema = z
  .string()
  .trim()
  .max(2048, 'A forge address is at most 2,048 characters')
  .transform((url) => url.replace(/\/+$/, ''))
  .refine((url) => /^https?:\/\/[^\s/@]+(\/[^\s]*)?$/.test(url), {
    message: 'Give the forge’s API address, like https://api.github.com',
  });

/** What the renderer may know of a forge's credentials: that a token is set, never the token. */
export const ForgeSummarySchema = z.object({ baseUrl: z.string(), tokenSet: z.literal(true) });

export const ForgeTokenParamsSchema = z.object({
  baseUrl: ForgeBaseUrlSchema,
  /** null removes it. */
  token: z.string().trim().min(1, 'Paste the token').max(1024).nullable(),
});

export const LinkPushParamsSchema = z.object({
  namespace: NamespacePathSchema,
  lock: LockRecordSchema,
  changes: z.array(PushChangeSchema).min(1, 'Nothing to push').max(10_000),
  /** When the push was asked for: names the branch and dates the commit, so a retry makes the same one. */
  requestedAt: z.number().int().nonnegative(),
});

/**
 * Pushing a linked namespace's edits upstream (src-main/links/push-service.ts):
 * directly to a new branch with write access, else through a fork and a pull
 * request. Forge tokens stay in main; the page learns only which forges have one.
 */
export const linkPushBridgeMethods = {
  'links.forges': method(z.undefined(), z.array(ForgeSummarySchema)),
  'links.setForgeToken': method(ForgeTokenParamsSchema, z.array(ForgeSummarySchema)),
  'links.push': method(LinkPushParamsSchema, PushRecordSchema),
  /** The last push of each namespace, with the pull requests' states asked anew when `refresh` (and online). */
  'links.pushes': method(z.object({ refresh: z.boolean() }), z.array(PushRecordSchema)),
  'links.syncFork': method(z.object({ namespace: NamespacePathSchema }), z.object({ message: z.string() })),
} as const;

export type LinkPushMethod = keyof typeof linkPushBridgeMethods;
