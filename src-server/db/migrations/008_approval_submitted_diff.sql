-- Issue 18: an approval request keeps the diff it was submitted with.
-- No schema change is needed: the request stores its op ids at each
-- (re)submission (approval_requests.op_ids) and ops never change, so what
-- they were written on (their parents outside the request) and their heads
-- are fixed too; store/approvals-diff.ts reads both from the op DAG. This
-- number was reserved for the change and stays, so the sequence has no gap.
SELECT 1;
