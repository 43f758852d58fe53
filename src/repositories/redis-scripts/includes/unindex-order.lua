--- @include "apply-tally"
--- @include "guid-bytes"
--- @include "index-members"
--- @include "tally-order"
--- @include "zrem-members"
-- Takes a stored order out of the indexes and counters (put in by gather_index and write_index,
-- or by the upsert; and by tally_order and apply_tally). `ctx` needs index, counters and p (P);
-- `id_bytes`: the orderId's 16 bytes, if the caller has them.
local function unindex_order(ctx, id, order, id_bytes)
  id_bytes = id_bytes or guid_bytes(id)
  local members, arts = index_members(id, order, id_bytes)
  zrem_members(ctx.index, members)
  for _, art in ipairs(arts) do redis.call('ZREM', ctx.p .. 'ai:' .. art, id_bytes) end
  apply_tally(ctx.counters, tally_order({}, order, -1))
end
