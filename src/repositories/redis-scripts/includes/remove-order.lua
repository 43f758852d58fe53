--[[
  Removing a stored order with everything it reserves, and the bounded purge of orders past their
  expiry that every read does first (the expiry sweeper does the rest). Needs the keys of
  order-keys; the figure keys of the removed lines are derived from P.
]]
--- @include "figures"

-- Records that the order changed, under a token unique to this call (the caller makes it so):
-- a sync forgets the change only if the token is still this one (ack-changes).
local function record_change(id, token)
  redis.call('HSET', CHANGES, id, token)
end

-- Removes order `id`, stored as `order` (decoded), and what it reserves.
local function remove_order(id, order, token)
  local f = new_figures()
  add_order_lines(f, order.lines, -1)
  apply_figures(f, P, ORIGIN_QTY, ORIGIN_LINES, ORIGIN_ORDERS)
  redis.call('HDEL', ORDERS, id)
  if order.expiresAt then redis.call('ZREM', EXPIRIES, id) end
  record_change(id, token)
end

-- Removes up to `limit` orders whose expiry (ms) is at or before `now`; answers how many.
local function purge_due(now, limit, token)
  local ids = redis.call('ZRANGEBYSCORE', EXPIRIES, '-inf', now, 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do
    local stored = redis.call('HGET', ORDERS, id)
    if stored then remove_order(id, cjson.decode(stored), token) else redis.call('ZREM', EXPIRIES, id) end
  end
  return #ids
end
