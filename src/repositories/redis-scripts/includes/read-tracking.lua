-- Whether the tenant tracks stock levels (T stk) and has capacities (T cap): ctx.untracked and
-- ctx.capacities_set, read the first time either is asked (watch_stock, has_capacities), for a
-- write that asks both. One EXISTS of the two keys answers for a tenant with neither (most) or
-- both; one with either alone pays a second EXISTS to tell which. No script sets either and then
-- asks.
local function read_tracking(ctx)
  local found = redis.call('EXISTS', ctx.stock, ctx.capacities)
  local stock, capacities = found == 2, found == 2
  if found == 1 then
    stock = redis.call('EXISTS', ctx.stock) == 1
    capacities = not stock
  end
  ctx.untracked, ctx.capacities_set = not stock, capacities
end
