--[[
  The tenant's events (T events, a stream), appended by the script that makes each change, in
  the same step: an event is never lost nor invented. Entries are `type` and `data` (JSON text),
  or for an order event `type` and `order` (the order's stored JSON: data is {"order": it}); readers
  add the id, time and tenant. The stream keeps about EVENTS_MAX
  entries (ARGV of order-keys); a job trims it by age.
]]
local function emit(event_type, data)
  redis.call('XADD', EVENTS, 'MAXLEN', '~', EVENTS_MAX, '*', 'type', event_type, 'data', data)
end

-- An order as GET serves it, from its stored JSON (which lacks the tenant).
local function served_order(stored_json)
  return '{"tenantId":' .. TENANT .. ',' .. string.sub(stored_json, 2)
end

-- order.created / updated / deleted / expired, whose data is {"order": <the order>}: the entry
-- holds the order's stored JSON as `order` (readers add the tenant), which spares Redis building
-- a copy of it.
local function emit_order_event(event_type, stored_json)
  redis.call('XADD', EVENTS, 'MAXLEN', '~', EVENTS_MAX, '*', 'type', event_type, 'order', stored_json)
end
