-- An item starts once: at most one create without parents per item id.
--
-- The push checks this before it stores (store/op-checks.ts), but that check
-- reads outside the order lock, so two pushes starting the same new item at
-- the same moment could both pass it. This index makes the database refuse
-- the second one, under the push's own statement (store/ops-push.ts turns the
-- refusal into a 409). Item ids are random and made by the client; a client
-- never starts one item twice, so the rule holds across branches too.
--
-- A store from before this rule may already hold such a pair. Those are kept
-- (nothing is ever lost): the index covers only ops stored after the last of
-- them, which is every op on a store that has none.
DO $$
DECLARE
  since bigint;
BEGIN
  SELECT coalesce(max(o.server_seq), 0) INTO since
  FROM ops o
  WHERE o.type = 'create' AND o.parents = '{}'
    AND EXISTS (SELECT 1 FROM ops d
      WHERE d.item_id = o.item_id AND d.type = 'create' AND d.parents = '{}' AND d.id <> o.id);
  EXECUTE format(
    'CREATE UNIQUE INDEX one_start_per_item ON ops (item_id) ' ||
    'WHERE type = ''create'' AND parents = ''{}'' AND server_seq > %s', since);
END
$$;
