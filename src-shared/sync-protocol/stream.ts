import { z } from 'zod';

/**
 * GET /v1/stream (Server-Sent Events). On connect the server sends `hello`
 * with its newest change position — a client that reconnects compares it with
 * its checkpoints and pulls if it is behind. After that, `changed` whenever
 * ops, branches, namespaces, approval requests or releases change (on any server process sharing
 * the store). A `releases` change keeps the newest position (releases have none of their own). Comment lines (`: ping`) keep the connection alive.
 */
export const STREAM_EVENTS = { hello: 'hello', changed: 'changed' } as const;

export const ChangeTopicSchema = z.enum(['ops', 'branches', 'namespaces', 'approvals', 'releases']);
export type ChangeTopic = z.infer<typeof ChangeTopicSchema>;

export const StreamHelloSchema = z.object({
  changeSeq: z.number().int().nonnegative(),
  serverTime: z.number().int(),
});
export type StreamHello = z.infer<typeof StreamHelloSchema>;

export const StreamChangedSchema = z.object({
  changeSeq: z.number().int().nonnegative(),
  topics: z.array(ChangeTopicSchema),
});
export type StreamChanged = z.infer<typeof StreamChangedSchema>;
