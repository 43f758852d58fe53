--- @include "apply-tally"
--- @include "index-members"
--- @include "tally-order"
--- @include "zrem-members"
-- Takes a stored order out of the indexes and counters (put in: index_members and zadd_members,
-- with tally_order and apply_tally). `id_bytes`: the orderId's 16 bytes, if the caller has them.
local function unindex_order(index, counters, id, order, id_bytes)
  zrem_members(index, index_members(id, order, id_bytes))
  apply_tally(counters, tally_order({}, order, -1))
end
