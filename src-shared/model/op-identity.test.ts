import { describe, expect, it } from 'vitest';
import { OP_BODY_KEYS, opBodyOf, opWithServerFields, sameOpBody, type OpBody } from './index.js';

const body: OpBody = {
  id: 'op-00000001',
  itemId: 'item-0000001',
  branchId: 'main',
  type: 'update',
  path: 'Acme.rate',
  kind: 'fn',
  content: 'v1',
  parents: ['op-00000000'],
  author: 'ada',
  instanceId: 'inst-00000001',
  hlc: '001700000000000-000000-inst-00000001',
};

/** Another value of the same type for each body field. */
function changed(key: keyof OpBody): OpBody {
  const value = body[key];
  return { ...body, [key]: Array.isArray(value) ? [...value, 'op-00000009'] : `${value}x` };
}

describe('op identity', () => {
  it('tells bodies apart by every field of the body, and only by those', () => {
    expect(sameOpBody(body, { ...body, parents: [...body.parents] })).toBe(true);
    for (const key of OP_BODY_KEYS) expect(sameOpBody(body, changed(key)), key).toBe(false);
    const acked = opWithServerFields(body, { serverSeq: 4, status: 'approved', approvalId: null });
    expect(sameOpBody(body, acked)).toBe(true);
  });

  it('puts the server fields on a body, and takes the body back off', () => {
    const acked = opWithServerFields(body, { serverSeq: 4, status: 'pending', approvalId: 'req-0001' });
    expect(acked).toMatchObject({ ...body, serverSeq: 4, status: 'pending', approvalId: 'req-0001' });
    expect(opBodyOf(acked)).toEqual(body);
    expect(Object.keys(opBodyOf(acked)).sort()).toEqual([...OP_BODY_KEYS].sort());
  });
});
