-- Pushes check these themselves, so the per-row foreign-key triggers only
-- cost time (a third of a 100,000-op push):
-- * ops.author: a push is refused unless every op's author is the caller,
--   and callers are users; users are never deleted (tokens are revoked).
-- * op_parents.op_id: links are written in the push's own statement, from
--   the rows that statement inserted (store/ops-push.ts), and ops are never
--   deleted.
ALTER TABLE ops DROP CONSTRAINT IF EXISTS ops_author_fkey;
ALTER TABLE op_parents DROP CONSTRAINT IF EXISTS op_parents_op_id_fkey;
