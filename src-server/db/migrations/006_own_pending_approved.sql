-- Issue 13: a user's own pending ops in namespaces they govern are approved.
-- Until now status was decided once, at push: ops pushed before their author
-- became an owner stayed pending for good (and the author cannot approve
-- their own request). From now on every change of owners approves them
-- (store/own-pending.ts); this repairs what is already stored, the same way.
-- New change positions, drawn under the order lock, so clients pull them.

SELECT pg_advisory_xact_lock(7426001);

WITH fit AS (
  SELECT o.id FROM ops o
  WHERE o.status = 'pending'
    AND NOT EXISTS (SELECT 1 FROM unnest(o.namespaces) AS t(ns) WHERE NOT EXISTS (
      SELECT 1 FROM namespaces n
      WHERE o.author = ANY (n.owners) AND (t.ns = n.path OR starts_with(t.ns, n.path || '.'))))
  ORDER BY o.change_seq)
UPDATE ops SET status = 'approved', change_seq = nextval('change_seq')
FROM fit WHERE ops.id = fit.id;

-- Their open requests follow: an item whose ops in the request are all
-- approved is decided by its author (now its owner); a request with every
-- item decided is closed.
UPDATE approval_items i SET decision = 'approved', decided_by = r.author, decided_at = tether_now_ms()
FROM approval_requests r
WHERE r.id = i.request_id AND r.state = 'submitted' AND i.decision IS NULL
  AND NOT EXISTS (SELECT 1 FROM ops o
    WHERE o.approval_id = r.id AND o.item_id = i.item_id AND o.status <> 'approved');

UPDATE approval_requests r SET updated_at = tether_now_ms(), change_seq = nextval('change_seq'),
  state = CASE WHEN d.rejected > 0 THEN 'rejected' ELSE 'approved' END,
  decided_at = tether_now_ms(), decided_by = r.author
FROM (SELECT request_id, count(*) FILTER (WHERE decision IS NULL) AS open,
        count(*) FILTER (WHERE decision = 'rejected') AS rejected
      FROM approval_items GROUP BY request_id) AS d
WHERE d.request_id = r.id AND r.state = 'submitted' AND d.open = 0;
