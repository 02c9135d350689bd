-- Releases (issue 16): a semver version of one or more namespaces, its
-- changes, the proofs gathered for each change, and — once promoted — the
-- exact item heads on main it froze at.
--
-- scope is the sorted namespaces joined by ',': a version is used once per
-- scope, forever (a yanked release keeps its number).
CREATE TABLE releases (
  id text PRIMARY KEY,
  scope text NOT NULL,
  namespaces text[] NOT NULL,
  version text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'promoted')),
  created_by text NOT NULL,
  collaborators text[] NOT NULL DEFAULT '{}',
  required_proofs integer NOT NULL CHECK (required_proofs >= 0),
  revision integer NOT NULL DEFAULT 1,
  created_at bigint NOT NULL DEFAULT tether_now_ms(),
  updated_at bigint NOT NULL DEFAULT tether_now_ms(),
  promoted_by text,
  promoted_at bigint,
  yanked boolean NOT NULL DEFAULT false,
  yank_reason text,
  yanked_by text,
  yanked_at bigint,
  UNIQUE (scope, version)
);

CREATE TABLE release_changes (
  release_id text NOT NULL REFERENCES releases (id),
  id text NOT NULL,
  position integer NOT NULL,
  type text NOT NULL CHECK (type IN ('approval_request', 'merged_branch', 'item')),
  ref text NOT NULL,
  title text NOT NULL,
  assignee text,
  -- rc numbers are drawn from here with UPDATE … RETURNING, so two proofs never share one.
  last_rc integer NOT NULL DEFAULT 0,
  PRIMARY KEY (release_id, id)
);

CREATE TABLE release_proofs (
  id text PRIMARY KEY,
  release_id text NOT NULL,
  change_id text NOT NULL,
  rc integer NOT NULL,
  author text NOT NULL,
  result text NOT NULL CHECK (result IN ('passed', 'failed')),
  note text NOT NULL,
  link text,
  created_at bigint NOT NULL DEFAULT tether_now_ms(),
  updated_at bigint NOT NULL DEFAULT tether_now_ms(),
  UNIQUE (release_id, change_id, rc),
  FOREIGN KEY (release_id, change_id) REFERENCES release_changes (release_id, id)
);

CREATE TABLE release_heads (
  release_id text NOT NULL REFERENCES releases (id),
  item_id text NOT NULL,
  op_id text NOT NULL,
  PRIMARY KEY (release_id, item_id, op_id)
);

-- Answers already given, so a retried request (same user, same request id,
-- same body) gets the same answer and changes nothing.
CREATE TABLE release_requests (
  user_name text NOT NULL,
  request_id text NOT NULL,
  body_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at bigint NOT NULL DEFAULT tether_now_ms(),
  PRIMARY KEY (user_name, request_id)
);

-- Promoted is immutable, in the database too: whatever code or person runs
-- SQL, a promoted release keeps its content. Only the yank flag (with its
-- reason, who and when, and the revision that announces it) may be set, once.
CREATE FUNCTION tether_release_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  yank_fields text[] := ARRAY['yanked', 'yank_reason', 'yanked_by', 'yanked_at', 'revision', 'updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'promoted' THEN
      RAISE EXCEPTION 'Release % is promoted and cannot be deleted', OLD.version USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'promoted' AND (OLD.yanked OR NOT NEW.yanked
      OR (to_jsonb(NEW) - yank_fields) IS DISTINCT FROM (to_jsonb(OLD) - yank_fields)) THEN
    RAISE EXCEPTION 'Release % is promoted and cannot change (only a yank may be set)', OLD.version
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER releases_frozen BEFORE UPDATE OR DELETE ON releases
  FOR EACH ROW EXECUTE FUNCTION tether_release_frozen();

-- Changes, proofs and captured heads of a promoted release never change.
CREATE FUNCTION tether_release_part_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target text := CASE WHEN TG_OP = 'DELETE' THEN OLD.release_id ELSE NEW.release_id END;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.release_id IS DISTINCT FROM NEW.release_id THEN
    RAISE EXCEPTION 'A release part cannot move to another release' USING ERRCODE = 'P0001';
  END IF;
  IF EXISTS (SELECT 1 FROM releases WHERE id = target AND status = 'promoted') THEN
    RAISE EXCEPTION 'Release % is promoted: its % cannot change', target, TG_TABLE_NAME
      USING ERRCODE = 'P0001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER release_changes_frozen BEFORE INSERT OR UPDATE OR DELETE ON release_changes
  FOR EACH ROW EXECUTE FUNCTION tether_release_part_frozen();
CREATE TRIGGER release_proofs_frozen BEFORE INSERT OR UPDATE OR DELETE ON release_proofs
  FOR EACH ROW EXECUTE FUNCTION tether_release_part_frozen();
CREATE TRIGGER release_heads_frozen BEFORE INSERT OR UPDATE OR DELETE ON release_heads
  FOR EACH ROW EXECUTE FUNCTION tether_release_part_frozen();
