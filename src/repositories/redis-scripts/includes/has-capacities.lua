-- Whether any origin of the tenant has a capacity: when none has, there is nothing to watch. Asked
-- once per call (ctx.capacities_set remembers the answer: no script sets a capacity and then asks).
local function has_capacities(ctx)
  if ctx.capacities_set == nil then ctx.capacities_set = redis.call('EXISTS', ctx.capacities) == 1 end
  return ctx.capacities_set
end
