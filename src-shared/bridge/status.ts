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
  /** The renderer's sync engine: a round is running, or the last round failed (and why). */
  syncPhase: z.enum(['idle', 'syncing', 'failed']).default('idle'),
  syncError: z.string().nullable().default(null),
});
export type LocalStatus = z.infer<typeof LocalStatusSchema>;
/** A report as sent: the sync fields may be left out (a renderer without a sync engine). */
export type LocalStatusReport = z.input<typeof LocalStatusSchema>;

/** The one status both sides show: reduced in main from connectivity + the renderer's report. */
// The sync phase and error are folded into `state` and `message` by the reducer.
export const AppStatusSchema = LocalStatusSchema.omit({ syncPhase: true, syncError: true }).extend({
  state: SyncStateSchema,
  serverConfigured: z.boolean(),
  travelMode: z.boolean(),
  message: z.string(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;
