--- @include "wh-index"
--- @include "wh-pad"
-- Moves a delivery from one status index to another.
local function wh_move(prefix, endpoint_id, event_id, from, to)
  local member = wh_pad(event_id)
  redis.call('ZREM', wh_index(prefix, endpoint_id, from), member)
  redis.call('ZADD', wh_index(prefix, endpoint_id, to), 0, member)
end
