import { z } from 'zod';
import { BridgeErrorSchema } from './contract.js';

/** Frames on the WebSocket transport. Electron IPC carries the same call/result shapes. */
export const CallFrameSchema = z.object({
  kind: z.literal('call'),
  id: z.number().int(),
  method: z.string(),
  params: z.unknown(),
});
export type CallFrame = z.infer<typeof CallFrameSchema>;

export const ResultFrameSchema = z.union([
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: BridgeErrorSchema }),
]);
export type ResultFrame = z.infer<typeof ResultFrameSchema>;

export const EventFrameSchema = z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof EventFrameSchema>;

export const ServerFrameSchema = z.union([ResultFrameSchema, EventFrameSchema]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
