-- Whether the tenant tracks stock levels (T stk) and has capacities (T cap): ctx.untracked and
-- ctx.capacities_set, both read by one EXISTS the first time either is asked (watch_stock,
-- has_capacities), for a write that asks both. EXISTS counts a key once per time it is named, so
-- naming T cap twice answers stk + 2 * cap. No script sets either and then asks.
local function read_tracking(ctx)
  local n = redis.call('EXISTS', ctx.stock, ctx.capacities, ctx.capacities)
  ctx.untracked, ctx.capacities_set = n % 2 == 0, n >= 2
end
