import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { conflict } from '../errors.js';
import { CHANGES_CHANNEL, newestChangeSeq } from './order.js';

/**
 * Runs a release write once per (user, request id). A retry with the same
 * body gets the answer stored the first time and changes nothing; the same
 * request id with another body is a 409. The answer is stored in the write's
 * own transaction, so it exists exactly when the write committed. Refusals
 * are not stored: retrying one asks again, and gets the same refusal while
 * nothing changed.
 */
export async function runOnce<T>(
  db: Db,
  user: string,
  requestId: string,
  what: unknown,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const hash = createHash('sha256').update(JSON.stringify(what)).digest('hex');
  return db.transaction(async (tx) => {
    // Two copies of one request at the same moment: the second waits and then finds the first's answer.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`release-request:${user}:${requestId}`]);
    const [seen] = await tx.query<{ body_hash: string; response: unknown }>(
      'SELECT body_hash, response FROM release_requests WHERE user_name = $1 AND request_id = $2',
      [user, requestId],
    );
    if (seen) {
      if (seen.body_hash === hash)
        return (typeof seen.response === 'string' ? JSON.parse(seen.response) : seen.response) as T;
      throw conflict(`Request '${requestId}' was already sent with different content`, {
        field: 'requestId',
      });
    }
    const answer = await work(tx);
    await announceReleases(tx);
    await tx.query(
      'INSERT INTO release_requests (user_name, request_id, body_hash, response) VALUES ($1, $2, $3, $4::jsonb)',
      [user, requestId, hash, JSON.stringify(answer)],
    );
    return answer;
  });
}

/** Tells every live client (through any server process) that releases changed; sent only on commit. */
async function announceReleases(tx: Queryable): Promise<void> {
  const changed = { changeSeq: await newestChangeSeq(tx), topics: ['releases'] };
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(changed)]);
}
