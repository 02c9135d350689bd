import { digestOf } from '../../src-shared/sync/anti-entropy.js';
import type { OpsDigestResponse } from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import { prefixed, visible, type Viewer } from './ops-pull.js';
import { opFromRow, type OpRow } from './rows.js';

export interface DigestQuery {
  branch: string;
  from: number;
  to?: number;
  include?: 'ops';
}

/**
 * The digest of one branch's ops in a range of server order, over exactly
 * what pull gives this viewer (the same visibility rule, so pending ops of
 * others outside the viewer's namespaces count for nothing and show nothing).
 * The hash is computed here with the client's own function (src-shared), so
 * both sides agree by construction; the rows come from the unique index on
 * server_seq. With `include: 'ops'` (a narrow range) the ops come too.
 */
export async function opsDigest(
  db: Queryable,
  viewer: Viewer,
  query: DigestQuery,
): Promise<OpsDigestResponse> {
  const to = query.to ?? (await newestServerSeq(db));
  const range = { from: query.from, to };
  if (to < query.from) return { ...digestOf(range, []), ...(query.include ? { ops: [] } : {}) };
  const params = [query.branch, query.from, to, viewer.name, viewer.owned];
  const where = `o.branch_id = $1 AND o.server_seq BETWEEN $2 AND $3 AND ${visible('o', '$4', '$5')}`;
  if (query.include === 'ops') {
    const rows = await db.query<OpRow>(
      `SELECT ${prefixed('o')} FROM ops o WHERE ${where} ORDER BY o.server_seq`,
      params,
    );
    const ops = rows.map(opFromRow);
    return { ...digestOf(range, ops), ops };
  }
  const rows = await db.query<{ id: string; server_seq: unknown; status: string }>(
    `SELECT o.id, o.server_seq, o.status FROM ops o WHERE ${where}`,
    params,
  );
  return digestOf(
    range,
    rows.map((row) => ({ id: row.id, serverSeq: num(row.server_seq), status: row.status })),
  );
}

/** The newest server order position drawn so far (0 on an empty store). */
async function newestServerSeq(db: Queryable): Promise<number> {
  const rows = await db.query<{ newest: unknown }>('SELECT COALESCE(max(server_seq), 0) AS newest FROM ops');
  return num(rows[0]?.newest);
}
