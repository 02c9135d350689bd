-- Branch rights: the creator (created_by) owns a branch; collaborators are the
-- other users who may rename it, change its main policy, merge or abandon it.
ALTER TABLE branches ADD COLUMN collaborators text[] NOT NULL DEFAULT '{}';

-- Access changes are announced on 'tether_access' (payload: the user's name),
-- so every server process on this store ends that user's live streams at once,
-- whichever process or admin CLI made the change. A trigger, not the admin
-- code, so no way of revoking or suspending can forget to announce it.
CREATE FUNCTION tether_announce_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'tokens' THEN
    PERFORM pg_notify('tether_access', OLD.user_name);
  ELSE
    PERFORM pg_notify('tether_access', OLD.name);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tokens_access_changed AFTER UPDATE OF revoked_at ON tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at)
  EXECUTE FUNCTION tether_announce_access();
CREATE TRIGGER tokens_access_removed AFTER DELETE ON tokens
  FOR EACH ROW EXECUTE FUNCTION tether_announce_access();
CREATE TRIGGER users_access_changed AFTER UPDATE OF suspended ON users
  FOR EACH ROW WHEN (NEW.suspended AND NOT OLD.suspended)
  EXECUTE FUNCTION tether_announce_access();
