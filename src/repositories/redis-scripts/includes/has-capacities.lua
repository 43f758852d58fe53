--- @include "read-tracking"
-- Whether any origin of the tenant has a capacity: when none has, there is nothing to watch.
-- Asked once per call (read_tracking).
local function has_capacities(ctx)
  if ctx.capacities_set == nil then read_tracking(ctx) end
  return ctx.capacities_set
end
