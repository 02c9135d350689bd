import { z } from 'zod';
import { NamespacePathSchema } from '../model/path.js';

/**
 * How the sync engine decides when to talk to the server:
 * eager (the default) pushes each change as it is saved and pulls on the
 * server's news; periodic does both every `intervalMinutes`; manual only on
 * "Sync now".
 */
export const SyncStrategySchema = z.enum(['eager', 'periodic', 'manual']);
export type SyncStrategy = z.infer<typeof SyncStrategySchema>;

export const SYNC_INTERVAL_MINUTES = { min: 1, max: 24 * 60, default: 15 } as const;

const IntervalSchema = z
  .number()
  .int('The sync interval is a whole number of minutes')
  .min(SYNC_INTERVAL_MINUTES.min, `The sync interval is at least ${SYNC_INTERVAL_MINUTES.min} minute`)
  .max(SYNC_INTERVAL_MINUTES.max, 'The sync interval is at most 24 hours');

/** Main keeps these in its data folder, so they survive a restart. */
export const SyncSettingsSchema = z.object({
  strategy: SyncStrategySchema.default('eager'),
  intervalMinutes: IntervalSchema.default(SYNC_INTERVAL_MINUTES.default),
  /** Travel mode: no network use at all; everything waits locally until it is switched off. */
  travelMode: z.boolean().default(false),
  /** Namespaces the user chose to keep fully available offline (checked before travel mode). */
  keepOffline: z.array(NamespacePathSchema).max(500).default([]),
});
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

export const defaultSyncSettings: SyncSettings = SyncSettingsSchema.parse({});

/** `sync.setStrategy` params. */
export const SyncStrategyPatchSchema = z.object({
  strategy: SyncStrategySchema,
  intervalMinutes: IntervalSchema.optional(),
});
export type SyncStrategyPatch = z.infer<typeof SyncStrategyPatchSchema>;

/** `travel.set` params: switch travel mode, optionally saving the chosen namespaces. */
export const TravelRequestSchema = z.object({
  on: z.boolean(),
  keepOffline: z.array(NamespacePathSchema).max(500).optional(),
});
export type TravelRequest = z.infer<typeof TravelRequestSchema>;

/** `network.report` params: what the page's `navigator.onLine` says. */
export const NetworkReportSchema = z.object({ online: z.boolean() });

/** A notification main shows natively (Electron); actions come back as `notify.action`. */
export const NotificationActionIdSchema = z.enum(['retry', 'details', 'open']);
export type NotificationActionId = z.infer<typeof NotificationActionIdSchema>;

export const NativeNotificationSchema = z.object({
  key: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  actions: z
    .array(z.object({ id: NotificationActionIdSchema, label: z.string().min(1).max(60) }))
    .max(3)
    .default([]),
});
export type NativeNotification = z.infer<typeof NativeNotificationSchema>;

export const NotificationActionSchema = z.object({
  key: z.string(),
  action: NotificationActionIdSchema,
});
export type NotificationAction = z.infer<typeof NotificationActionSchema>;
