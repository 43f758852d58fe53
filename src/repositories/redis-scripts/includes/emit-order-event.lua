-- order.created / updated / deleted / expired, whose data is {"order": <the order>}: the entry
-- holds the order's stored JSON as `order` (readers add the tenant), which spares Redis building
-- a copy of it.
local function emit_order_event(ctx, event_type, stored_json)
  redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*', 'type', event_type, 'order', stored_json)
end
