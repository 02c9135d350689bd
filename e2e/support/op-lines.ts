import { encodeHlc } from '../../src-shared/clock/hlc';
import type { OpBody } from '../../src-shared/model/index';

/**
 * One item made by someone else, as a line of versions (a create and
 * `versions - 1` edits an hour apart, starting `startAgoMs` ago), for a test
 * to push to its server. `content(n)` is version n's text.
 */
export function itemLine(opts: {
  idPrefix: string;
  path: string;
  author: string;
  instanceId: string;
  versions: number;
  startAgoMs: number;
  content: (n: number) => string;
}): OpBody[] {
  const ops: OpBody[] = [];
  let wall = Date.now() - opts.startAgoMs;
  let parent: string | null = null;
  for (let n = 0; n < opts.versions; n++) {
    const id = `${opts.idPrefix}-op-${n}`;
    ops.push({
      id,
      itemId: `${opts.idPrefix}-item`,
      branchId: 'main',
      type: n === 0 ? 'create' : 'update',
      path: opts.path,
      kind: 'value',
      content: opts.content(n),
      parents: parent ? [parent] : [],
      author: opts.author,
      instanceId: opts.instanceId,
      hlc: encodeHlc({ wall: (wall += 3_600_000), counter: 0, node: opts.instanceId }),
    });
    parent = id;
  }
  return ops;
}
