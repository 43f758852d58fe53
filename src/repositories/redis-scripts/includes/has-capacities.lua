-- Whether any origin of the tenant has a capacity: when none has, there is nothing to watch.
local function has_capacities(ctx)
  return redis.call('EXISTS', ctx.capacities) == 1
end
