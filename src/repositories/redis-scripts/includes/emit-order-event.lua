-- order.created / updated / deleted / expired, whose data is {"order": <the order>}: the entry
-- holds the order's stored form as `o` (readers add the tenant and expand it:
-- includes/expand-order.lua), which spares Redis building a copy of it.
local function emit_order_event(ctx, event_type, stored)
  redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*', 'type', event_type, 'o', stored)
end
