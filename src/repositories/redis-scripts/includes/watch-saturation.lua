--- @include "has-capacities"
--- @include "origin-figures"
--- @include "parse-capacity"
--- @include "parse-thresholds"
-- Before moving the figures of `codes`: those with a capacity and their figures now, or nil.
local function watch_saturation(ctx, codes)
  if #codes == 0 or not has_capacities(ctx) then return nil end
  local stored = redis.call('HMGET', ctx.capacities, unpack(codes))
  local watched, capacities = {}, {}
  for i = 1, #codes do
    if stored[i] then
      watched[#watched + 1] = codes[i]
      capacities[#watched] = parse_capacity(stored[i])
    end
  end
  if #watched == 0 then return nil end
  local thresholds = parse_thresholds(redis.call('GET', ctx.thresholds))
  return { codes = watched, capacities = capacities, thresholds = thresholds, before = origin_figures(ctx, watched) }
end
