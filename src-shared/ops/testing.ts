import type { ItemKind, Op, OpType } from '../model/index.js';
import { encodeHlc } from '../clock/hlc.js';

/**
 * Hand-made ops for tests that need DAG shapes the factories would never
 * make on their own (a child before its parent, two creates, cycles).
 */
export interface TestOpInput {
  id: string;
  itemId?: string;
  type?: OpType;
  parents?: string[];
  path?: string;
  kind?: ItemKind;
  content?: string;
  branchId?: string;
  instanceId?: string;
  /** Wall time for the stamp; the stamp is made from it, the counter and the instance. */
  at?: number;
  counter?: number;
  status?: Op['status'];
  serverSeq?: number | null;
}

export function testOp(input: TestOpInput): Op {
  const instanceId = input.instanceId ?? 'instance-a';
  return Object.freeze({
    id: input.id,
    itemId: input.itemId ?? 'item-0001',
    branchId: input.branchId ?? 'main',
    type: input.type ?? (input.parents?.length ? 'update' : 'create'),
    path: input.path ?? 'Acme.thing',
    kind: input.kind ?? 'value',
    content: input.content ?? '',
    parents: Object.freeze([...(input.parents ?? [])]) as string[],
    author: 'tester',
    instanceId,
    hlc: encodeHlc({ wall: input.at ?? 1000, counter: input.counter ?? 0, node: instanceId }),
    ...(input.status ? { status: input.status } : {}),
    ...(input.serverSeq !== undefined ? { serverSeq: input.serverSeq } : {}),
  });
}
