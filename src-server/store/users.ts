import { createHash, randomBytes } from 'node:crypto';
import type { AdminUser, IssuedToken, TokenInfo } from '../../src-shared/sync-protocol/index.js';
import { UserNameSchema } from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { num, numOrNull } from '../db/db.js';
import { ApiError, badRequest, conflict, forbidden, notFound } from '../errors.js';

interface UserRow {
  name: string;
  suspended: boolean;
  created_at: unknown;
  [key: string]: unknown;
}

const toUser = (row: UserRow): AdminUser => ({
  name: row.name,
  suspended: row.suspended,
  createdAt: num(row.created_at),
});

export const unknownUser = (name: string) => notFound(`Unknown user '${name}'`);

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createUser(db: Queryable, name: string): Promise<AdminUser> {
  const parsed = UserNameSchema.safeParse(name);
  if (!parsed.success)
    throw badRequest(parsed.error.issues[0]?.message ?? 'Bad user name', { field: 'name' });
  const rows = await db.query<UserRow>(
    `INSERT INTO users (name) VALUES ($1) ON CONFLICT (name) DO NOTHING
     RETURNING name, suspended, created_at`,
    [name],
  );
  if (!rows[0]) throw conflict(`User '${name}' already exists`);
  return toUser(rows[0]);
}

export async function getUser(db: Queryable, name: string): Promise<AdminUser> {
  const rows = await db.query<UserRow>('SELECT name, suspended, created_at FROM users WHERE name = $1', [
    name,
  ]);
  if (!rows[0]) throw unknownUser(name);
  return toUser(rows[0]);
}

export async function setSuspended(db: Queryable, name: string, suspended: boolean): Promise<AdminUser> {
  const rows = await db.query<UserRow>(
    'UPDATE users SET suspended = $2 WHERE name = $1 RETURNING name, suspended, created_at',
    [name, suspended],
  );
  if (!rows[0]) throw unknownUser(name);
  return toUser(rows[0]);
}

/** Makes a new token for `name`. The token is returned once; only its hash is stored. */
export async function issueToken(db: Queryable, name: string): Promise<IssuedToken> {
  await getUser(db, name);
  const tokenId = `tok_${randomAlnum(12)}`;
  const token = `tether_${randomBytes(32).toString('base64url')}`;
  await db.query('INSERT INTO tokens (id, user_name, token_hash) VALUES ($1, $2, $3)', [
    tokenId,
    name,
    hashToken(token),
  ]);
  return { tokenId, token, user: name };
}

export async function listTokens(db: Queryable, name: string): Promise<TokenInfo[]> {
  await getUser(db, name);
  const rows = await db.query<{ id: string; user_name: string; created_at: unknown; revoked_at: unknown }>(
    'SELECT id, user_name, created_at, revoked_at FROM tokens WHERE user_name = $1 ORDER BY created_at, id',
    [name],
  );
  return rows.map((row) => ({
    id: row.id,
    user: row.user_name,
    createdAt: num(row.created_at),
    revokedAt: numOrNull(row.revoked_at),
  }));
}

/** Revokes one token; revoking it again is a no-op that still succeeds. */
export async function revokeToken(db: Queryable, tokenId: string): Promise<number> {
  const rows = await db.query<{ revoked: boolean }>(
    `UPDATE tokens SET revoked_at = COALESCE(revoked_at, tether_now_ms()) WHERE id = $1
     RETURNING true AS revoked`,
    [tokenId],
  );
  if (rows.length === 0) throw notFound(`Unknown token '${tokenId}'`);
  return rows.length;
}

export async function revokeAllTokens(db: Queryable, name: string): Promise<number> {
  await getUser(db, name);
  const rows = await db.query(
    `UPDATE tokens SET revoked_at = tether_now_ms() WHERE user_name = $1 AND revoked_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length;
}

/**
 * Who holds `token`, with the namespaces they own (one query: it runs on
 * every request). Throws the 401/403 the caller should see otherwise.
 */
export async function authenticate(
  db: Queryable,
  token: string,
): Promise<{ name: string; owned: string[]; tokenId: string }> {
  const rows = await db.query<UserRow & { revoked_at: unknown; owned: string[]; token_id: string }>(
    `SELECT u.name, u.suspended, t.revoked_at, t.id AS token_id,
       ARRAY(SELECT n.path FROM namespaces n WHERE u.name = ANY(n.owners) ORDER BY n.path) AS owned
     FROM tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) throw new ApiError('unauthorized', 'Missing or invalid token');
  if (row.revoked_at !== null) throw new ApiError('unauthorized', 'Token revoked');
  if (row.suspended) throw forbidden('Account suspended');
  return { name: row.name, owned: row.owned, tokenId: row.token_id };
}

/** Where the store announces that a user's access may have ended (payload: the user's name; see migration 007). */
export const ACCESS_CHANNEL = 'tether_access';

/** Of `tokenIds`, those that still grant access: not revoked, not deleted, their user not suspended. */
export async function tokensStillValid(db: Queryable, tokenIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT t.id FROM tokens t JOIN users u ON u.name = t.user_name
     WHERE t.id = ANY($1::text[]) AND t.revoked_at IS NULL AND NOT u.suspended`,
    [[...tokenIds]],
  );
  return new Set(rows.map((row) => row.id));
}

function randomAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
