--- @include "count-order"
--- @include "index-members"
--- @include "zrem-members"
-- Takes a stored order out of the indexes and counters (put in: index_order).
local function unindex_order(index, counters, id, order)
  zrem_members(index, index_members(id, order))
  count_order(counters, order, -1)
end
