-- order.created / updated / deleted / expired, whose data is {"order": <the order>}: the entry
-- holds the order's stored JSON as `order` (readers add the tenant), which spares Redis building
-- a copy of it; or, when the caller has it (`compact_json`: the upsert is passed it), its compact
-- form as `o` (~110 bytes less per event; readers expand it: includes/expand-order.lua).
local function emit_order_event(ctx, event_type, stored_json, compact_json)
  if compact_json then
    redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*', 'type', event_type, 'o', compact_json)
  else
    redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*', 'type', event_type, 'order', stored_json)
  end
end
