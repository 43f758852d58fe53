--- @include "guid-bytes"
--- @include "index-members"
--- @include "zrem-members"
-- Takes a stored order out of the indexes (put in by gather_index and write_index, or by the
-- upsert). `ctx` needs index and p (P);
-- `id_bytes`: the orderId's 16 bytes, if the caller has them.
local function unindex_order(ctx, id, order, id_bytes)
  id_bytes = id_bytes or guid_bytes(id)
  local members, arts = index_members(id, order, id_bytes)
  zrem_members(ctx.index, members)
  for _, art in ipairs(arts) do redis.call('ZREM', ctx.p .. 'ai:' .. art, id_bytes) end
end
