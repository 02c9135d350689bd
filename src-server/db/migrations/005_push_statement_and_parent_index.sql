-- 1. Children are found through ops.parents, by a GIN index, instead of
-- through the op_parents table. Each push wrote a row per parent link into a
-- table with two indexes, which cost PostgreSQL more than storing the ops
-- themselves; a GIN entry per link is about half of that. Upward walks read
-- ops.parents by the ops' primary key. fastupdate is off so a push never pays
-- for emptying a pending list (and reads never scan one).
CREATE INDEX ops_by_parent ON ops USING gin (parents) WITH (fastupdate = off);
DROP TABLE op_parents;

-- 2. A push stored by one statement, so the order lock is held only while
-- PostgreSQL works (store/ops-push.ts explains why).
--
-- records: the checked ops as a JSON array of ops rows without positions
-- (id, item_id, branch_id, type, path, kind, content, parents, author,
-- instance_id, hlc, namespaces, status), each id once.
-- Returns one row per op: the new position of each op inserted here, and the
-- stored position and status of each op that was already stored. When an op
-- is already stored with another body, raises SQLSTATE TT409 with the op's id
-- as DETAIL, and nothing is stored.
CREATE FUNCTION tether_push_ops(records jsonb, order_lock bigint, channel text)
  RETURNS TABLE (id text, server_seq bigint, change_seq bigint, status text, approval_id text,
    received_at bigint, already_stored boolean)
  LANGUAGE plpgsql VOLATILE
AS $$
#variable_conflict use_column
DECLARE
  n bigint := jsonb_array_length(records);
  now_ms bigint;
  first_server bigint;
  first_change bigint;
  fresh bigint;
  clash text;
BEGIN
  -- The order lock comes first: every statement below takes its snapshot
  -- after it, so the heads upkeep sees every earlier push (order.ts).
  PERFORM pg_advisory_xact_lock(order_lock);
  now_ms := tether_now_ms();
  -- One range per sequence; nobody else draws while the lock is held.
  first_server := setval('op_server_seq', nextval('op_server_seq') + n - 1) - n + 1;
  first_change := setval('change_seq', nextval('change_seq') + n - 1) - n + 1;
  PERFORM pg_notify(channel, json_build_object(
    'changeSeq', first_change + n - 1, 'topics', json_build_array('ops'))::text);

  -- Heads upkeep (migration 003), in the insert's own statement: parents on
  -- the new ops' branch stop being heads, and a new op is a head unless a
  -- child on its branch names it, in this push or stored earlier (a child may
  -- arrive before its parent). Every CTE sees the same snapshot, hence the two
  -- child checks. Only parents stored before this push can be in op_heads, so
  -- only those are looked up, by key. Children are looked up by the GIN index
  -- alone (OFFSET 0; see store/children.ts). EXECUTE plans the statement on every
  -- call, for the table sizes of the day: a plan cached while the tables were
  -- small scanned whole tables for every push (the same goes for
  -- the look-ups of ops already stored, below).
  RETURN QUERY EXECUTE '
  WITH inserted AS (
    INSERT INTO ops AS o (id, item_id, branch_id, type, path, kind, content, parents, author, instance_id,
      hlc, namespaces, status, server_seq, change_seq, created_at)
    SELECT x.id, x.item_id, x.branch_id, x.type, x.path, x.kind, x.content, x.parents, x.author,
      x.instance_id, x.hlc, x.namespaces, x.status, $2 + x.n - 1, $3 + x.n - 1, $4
    FROM ROWS FROM (jsonb_to_recordset($1) AS (id text, item_id text, branch_id text, type text,
      path text, kind text, content text, parents text[], author text, instance_id text, hlc text,
      namespaces text[], status text)) WITH ORDINALITY
      AS x(id, item_id, branch_id, type, path, kind, content, parents, author, instance_id, hlc,
      namespaces, status, n)
    ON CONFLICT (id) DO NOTHING
    RETURNING o.id, o.item_id, o.branch_id, o.parents, o.server_seq, o.change_seq, o.status),
  links AS (SELECT i.id AS op_id, i.branch_id, unnest(i.parents) AS parent_id FROM inserted i),
  unheaded AS (DELETE FROM op_heads h
    WHERE h.op_id = ANY (ARRAY(SELECT l.parent_id FROM links l
        WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = l.parent_id)))
      AND EXISTS (SELECT 1 FROM links l WHERE l.parent_id = h.op_id AND l.branch_id = h.branch_id)),
  headed AS (INSERT INTO op_heads (op_id, branch_id, item_id)
    SELECT i.id, i.branch_id, i.item_id FROM inserted i
    WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.parent_id = i.id AND l.branch_id = i.branch_id)
      AND NOT EXISTS (SELECT 1 FROM (SELECT * FROM ops WHERE parents @> ARRAY[i.id] OFFSET 0) c
        WHERE c.branch_id = i.branch_id))
  SELECT i.id, i.server_seq, i.change_seq, i.status, NULL::text, $4, false FROM inserted i'
  USING records, first_server, first_change, now_ms;
  GET DIAGNOSTICS fresh = ROW_COUNT;
  IF fresh = n THEN
    RETURN;
  END IF;

  -- Ops already stored (an ack was lost and the batch is sent again) are
  -- acknowledged again, unless one has another body: then the whole push is
  -- refused. Their positions are below this push's range.
  EXECUTE '
  SELECT s.id
  FROM jsonb_to_recordset($1) AS r(id text, item_id text, branch_id text, type text, path text,
    kind text, content text, parents text[], author text, instance_id text, hlc text)
  JOIN ops s ON s.id = r.id
  WHERE s.server_seq < $2
    AND (s.item_id, s.branch_id, s.type, s.path, s.kind, s.content, s.parents, s.author, s.instance_id, s.hlc)
      IS DISTINCT FROM
      (r.item_id, r.branch_id, r.type, r.path, r.kind, r.content, r.parents, r.author, r.instance_id, r.hlc)
  LIMIT 1'
  INTO clash USING records, first_server;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'TT409', MESSAGE = 'op already stored with another body', DETAIL = clash;
  END IF;
  RETURN QUERY EXECUTE '
  SELECT s.id, s.server_seq, s.change_seq, s.status, s.approval_id, s.created_at, true
  FROM jsonb_to_recordset($1) AS r(id text)
  JOIN ops s ON s.id = r.id
  WHERE s.server_seq < $2'
  USING records, first_server;
END
$$;
