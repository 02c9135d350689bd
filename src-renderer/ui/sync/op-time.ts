import { isHlc, decodeHlc } from '../../../src-shared/clock/hlc.js';
import type { Op } from '../../../src-shared/model/index.js';

/** When the op was written, from its clock stamp; null for a stamp that does not decode. */
export function opTime(op: Pick<Op, 'hlc'>): number | null {
  return isHlc(op.hlc) ? decodeHlc(op.hlc).wall : null;
}
