-- Tether sync server: initial schema. Times are epoch milliseconds of the
-- database clock (tether_now_ms), never a client's clock.

CREATE FUNCTION tether_now_ms() RETURNS bigint
  LANGUAGE sql VOLATILE
  AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

-- Both sequences are only ever advanced while holding the order lock
-- (src-server/store/order.ts), which is what makes checkpoints safe.
-- server_seq: the order in which ops were accepted.
CREATE SEQUENCE op_server_seq;
-- change_seq: the replication position shared by ops, branches and namespaces;
-- a row takes a new one whenever it changes.
CREATE SEQUENCE change_seq;

CREATE TABLE users (
  name text PRIMARY KEY,
  suspended boolean NOT NULL DEFAULT false,
  created_at bigint NOT NULL DEFAULT tether_now_ms()
);

CREATE TABLE tokens (
  id text PRIMARY KEY,
  user_name text NOT NULL REFERENCES users (name),
  token_hash text NOT NULL UNIQUE, -- hex SHA-256 of the token; the token itself is never stored
  created_at bigint NOT NULL DEFAULT tether_now_ms(),
  revoked_at bigint
);
CREATE INDEX tokens_by_user ON tokens (user_name);

CREATE TABLE namespaces (
  path text PRIMARY KEY,
  owners text[] NOT NULL DEFAULT '{}',
  updated_at bigint NOT NULL,
  change_seq bigint NOT NULL UNIQUE
);

CREATE TABLE branches (
  id text PRIMARY KEY,
  name text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'merged', 'abandoned')),
  main_policy text NOT NULL,
  base_seq bigint NOT NULL,
  base_hlc text NOT NULL,
  base_instance_id text NOT NULL,
  created_by text NOT NULL REFERENCES users (name),
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  merged_at bigint,
  merged_by text,
  change_seq bigint NOT NULL UNIQUE
);

CREATE TABLE ops (
  id text PRIMARY KEY,
  item_id text NOT NULL,
  branch_id text NOT NULL,
  type text NOT NULL,
  path text NOT NULL,
  kind text NOT NULL,
  content text NOT NULL,
  parents text[] NOT NULL,
  author text NOT NULL REFERENCES users (name),
  instance_id text NOT NULL,
  hlc text NOT NULL,
  -- The namespaces the op touches: its path's, and for a rename the one it left.
  -- Ownership of all of them approves the op; owning any shows it while pending.
  namespaces text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('approved', 'pending', 'rejected')),
  approval_id text,
  server_seq bigint NOT NULL UNIQUE,
  change_seq bigint NOT NULL UNIQUE,
  created_at bigint NOT NULL
);
CREATE INDEX ops_pull ON ops (branch_id, change_seq);
CREATE INDEX ops_heads ON ops (branch_id, item_id, id);

-- Parent links, so "is this op anyone's parent" (heads) is an index lookup.
CREATE TABLE op_parents (
  op_id text NOT NULL REFERENCES ops (id),
  parent_id text NOT NULL,
  PRIMARY KEY (op_id, parent_id)
);
CREATE INDEX op_parents_by_parent ON op_parents (parent_id);
