-- Item heads, kept up to date by every push (store/ops-push.ts), so a fresh
-- client's heads listing reads one index instead of testing every op of the
-- branch for children (that NOT EXISTS cost seconds at 100,000 ops).
--
-- A row is a structural head: an op with no child op on its own branch,
-- whatever the statuses. store/ops-pull.ts listHeads turns these into the
-- heads a viewer sees: a head can only differ from this set below an op that
-- is not approved, and those are found through ops_not_approved.
-- Ops are never deleted and never change branch or parents, so rows only
-- come and go with pushes (under the order lock: one push at a time). Derived
-- data written in the push's own statement, so no foreign key to pay for.
CREATE TABLE op_heads (
  op_id text PRIMARY KEY,
  branch_id text NOT NULL,
  item_id text NOT NULL
);
CREATE INDEX op_heads_by_item ON op_heads (branch_id, item_id, op_id);

-- Pending and rejected ops are the only ones some viewers cannot see.
CREATE INDEX ops_not_approved ON ops (branch_id) WHERE status <> 'approved';

INSERT INTO op_heads (op_id, branch_id, item_id)
SELECT o.id, o.branch_id, o.item_id FROM ops o
WHERE NOT EXISTS (
  SELECT 1 FROM op_parents p JOIN ops c ON c.id = p.op_id
  WHERE p.parent_id = o.id AND c.branch_id = o.branch_id);
