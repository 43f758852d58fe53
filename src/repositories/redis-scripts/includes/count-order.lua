--- @include "hincr-or-drop"
-- Adds sign (1 or -1) times an order to the counters (tally_order counts many orders, written once).
local function count_order(counters, order, sign)
  local units = 0
  for _, l in ipairs(order.lines) do units = units + l.qty end
  hincr_or_drop(counters, order.type, sign)
  hincr_or_drop(counters, 'lines', sign * #order.lines)
  hincr_or_drop(counters, 'units', sign * units)
end
