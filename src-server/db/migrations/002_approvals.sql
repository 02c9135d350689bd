-- Approval requests: an author asks the owners of a namespace to approve
-- pending ops. change_seq shares the replication sequence of ops, branches
-- and namespaces (drawn under the order lock, see store/order.ts).

CREATE TABLE approval_requests (
  id text PRIMARY KEY,
  author text NOT NULL REFERENCES users (name),
  title text NOT NULL,
  description text NOT NULL,
  -- The deepest namespace holding every namespace the ops touch; its owners
  -- (or those of a namespace above it) decide.
  namespace text NOT NULL,
  branch_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected')),
  op_ids text[] NOT NULL,
  -- Who governed the namespace at (re)submission, to report an ownership change.
  owners_at_submit text[] NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  submitted_at bigint NOT NULL,
  decided_at bigint,
  decided_by text,
  change_seq bigint NOT NULL UNIQUE
);
CREATE INDEX approval_requests_by_author ON approval_requests (author, change_seq);
CREATE INDEX approval_requests_by_namespace ON approval_requests (namespace);

CREATE TABLE approval_items (
  request_id text NOT NULL REFERENCES approval_requests (id),
  item_id text NOT NULL,
  path text NOT NULL,
  decision text CHECK (decision IN ('approved', 'rejected')),
  decided_by text,
  decided_at bigint,
  PRIMARY KEY (request_id, item_id)
);

CREATE TABLE approval_comments (
  id text PRIMARY KEY,
  request_id text NOT NULL REFERENCES approval_requests (id),
  author text NOT NULL REFERENCES users (name),
  text text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX approval_comments_by_request ON approval_comments (request_id, created_at);

CREATE INDEX ops_by_approval ON ops (approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX ops_by_item ON ops (item_id, branch_id);
