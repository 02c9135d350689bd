import { z } from 'zod';
import { BridgeErrorSchema } from './contract.js';

/** Frames on the WebSocket transport. Electron IPC carries the same call/result shapes. */
export const CallFrameSchema = z.object({
  kind: z.literal('call'),
  id: z.number().int(),
  method: z.string(),
  // Optional: methods without params send undefined, which JSON drops.
  params: z.unknown().optional(),
});
export type CallFrame = z.infer<typeof CallFrameSchema>;

export const ResultFrameSchema = z.union([
  // Optional: a method that returns nothing (undefined) has no `result` key once JSON-encoded.
  z.object({
    kind: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    result: z.unknown().optional(),
  }),
  z.object({
    kind: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    error: BridgeErrorSchema,
  }),
]);
export type ResultFrame = z.infer<typeof ResultFrameSchema>;

export const EventFrameSchema = z.object({
  kind: z.literal('event'),
  event: z.string(),
  payload: z.unknown().optional(),
});
export type EventFrame = z.infer<typeof EventFrameSchema>;

export const ServerFrameSchema = z.union([ResultFrameSchema, EventFrameSchema]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
