--- @include "emit-crossings"
--- @include "origin-figures"
--- @include "saturation-of"
-- After: the events of the thresholds the watched origins crossed.
local function saturation_events(ctx, watch)
  if not watch then return end
  local after = origin_figures(ctx, watch.codes)
  for i, code in ipairs(watch.codes) do
    local cap, b, a = watch.capacities[i], watch.before[i], after[i]
    emit_crossings(ctx, code, watch.thresholds, saturation_of(cap, b[1], b[2], b[3]), saturation_of(cap, a[1], a[2], a[3]), a, cap)
  end
end
