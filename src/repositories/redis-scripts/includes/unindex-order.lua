--- @include "count-order"
--- @include "index-members"
--- @include "zrem-members"
-- Takes a stored order out of the indexes and counters (put in: index_members and zadd_members, with count_order or tally_order).
-- `id_bytes`: the orderId's 16 bytes, if the caller has them.
local function unindex_order(index, counters, id, order, id_bytes)
  zrem_members(index, index_members(id, order, id_bytes))
  count_order(counters, order, -1)
end
