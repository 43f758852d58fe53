--[[
  The tenant's events (T events, a stream), appended by the script that makes each change, in
  the same step: an event is never lost nor invented. Entries are `type` and `data` (JSON text),
  or for an order event `type` and `o` (the order's stored form: data is {"order": it expanded,
  includes/entry-data.lua}); readers add the id, time and tenant. The stream keeps about EVENTS_MAX
  entries (ARGV of order-context); a job trims it by age.
]]
local function emit(ctx, event_type, data)
  redis.call('XADD', ctx.events, 'MAXLEN', '~', ctx.events_max, '*', 'type', event_type, 'data', data)
end
