import { z } from 'zod';
import { clipText } from '../log/clip.js';

/** Longest message a renderer report keeps; the rest is cut, with a note of how much. */
export const LOG_MESSAGE_MAX = 2_000;
/** Longest stack (or other detail) a renderer report keeps. */
export const LOG_DETAIL_MAX = 8_000;

/**
 * An error or warning the renderer sends to main's log file (`log.report`).
 * Any page that holds the bridge can call this, so everything is bounded:
 * text is cut to size here, and main admits only so many reports a minute.
 */
export const LogReportSchema = z.object({
  level: z.enum(['error', 'warn']),
  message: z.string().transform((text) => clipText(text, LOG_MESSAGE_MAX)),
  /** A stack trace or other detail, when there is one. */
  detail: z
    .string()
    .transform((text) => clipText(text, LOG_DETAIL_MAX))
    .optional(),
});
export type LogReport = z.input<typeof LogReportSchema>;
