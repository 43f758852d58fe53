--- @include "hincr-or-drop"
-- Adds a tally of orders (tally_order) to the counters.
local function apply_tally(counters, tally)
  for field, delta in pairs(tally) do hincr_or_drop(counters, field, delta) end
end
