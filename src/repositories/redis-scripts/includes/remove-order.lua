--[[
  Removing a stored order with everything it reserves, its index entries and counters, its change
  record and its event; and the bounded purge of orders past their expiry that every read does
  first (the expiry sweeper does the rest). Needs order-keys; the figure keys of the removed
  lines are derived from P.
]]
--- @include "figures"
--- @include "order-index"
--- @include "events"
--- @include "saturation"

-- Records that the order changed, under this call's token (unique: the caller makes it so): a
-- sync forgets the change only if the token is still this one (ack-changes).
local function record_change(id)
  redis.call('HSET', CHANGES, id, TOKEN)
end

-- The distinct codes of an order's lines.
local function order_codes(order)
  local codes, seen = {}, {}
  for _, l in ipairs(order.lines) do
    if not seen[l.code] then seen[l.code] = true; codes[#codes + 1] = l.code end
  end
  return codes
end

-- Removes order `id`, stored as `stored_json` (decoded: `order`), and tells it as `event_type`
-- (order.deleted, order.expired; nil: the caller tells it).
local function remove_order(id, order, stored_json, event_type)
  local watch = watch_saturation(order_codes(order))
  local f = new_figures()
  add_order_lines(f, order.lines, -1)
  apply_figures(f, P)
  unindex_order(INDEX, COUNTERS, id, order)
  redis.call('HDEL', ORDERS, id)
  record_change(id)
  if event_type then emit_order_event(event_type, stored_json) end
  saturation_events(watch)
end

-- Removes up to `limit` orders whose expiry is at or before now; answers how many.
local function purge_due(limit)
  local entries = due_entries(INDEX, NOW_ISO, limit)
  for _, entry in ipairs(entries) do
    local id = string.sub(entry, 27)
    local stored = redis.call('HGET', ORDERS, id)
    if stored then
      remove_order(id, cjson.decode(stored), stored, 'order.expired')
    else
      -- An entry whose order is gone (only a hand edit leaves one): dropped.
      redis.call('ZREM', INDEX, entry)
    end
  end
  return #entries
end
