--- @include "count-order"
--- @include "index-members"
--- @include "zadd-members"
local function index_order(index, counters, id, order)
  zadd_members(index, index_members(id, order))
  count_order(counters, order, 1)
end
