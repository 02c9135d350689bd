import { z } from 'zod';

/**
 * The four sync states the status bar, tray and notifications speak of, plus
 * `local-only` while no server is configured.
 */
export const SyncStateSchema = z.enum(['local-only', 'synced', 'syncing', 'offline', 'failed']);
export type SyncState = z.infer<typeof SyncStateSchema>;

/** What the renderer knows and reports to main (the database lives in the renderer). */
export const LocalStatusSchema = z.object({
  unsyncedOps: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  queueSize: z.number().int().nonnegative(),
  lastSyncedAt: z.number().int().nullable(),
});
export type LocalStatus = z.infer<typeof LocalStatusSchema>;

/** The one status both sides show: reduced in main from connectivity + the renderer's report. */
export const AppStatusSchema = LocalStatusSchema.extend({
  state: SyncStateSchema,
  serverConfigured: z.boolean(),
  travelMode: z.boolean(),
  message: z.string(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;
