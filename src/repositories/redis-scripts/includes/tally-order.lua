-- Adds sign (1 or -1) times an order to `tally`, the changes of the counters (G:n) that
-- apply_tally writes, and answers it: the orders of each type, the lines and the units. Scripts
-- that write many orders (restore, PUT staging) sum theirs and write them once, at their end.
local function tally_order(tally, order, sign)
  local units = 0
  for _, l in ipairs(order.lines) do units = units + l.qty end
  tally[order.type] = (tally[order.type] or 0) + sign
  tally.lines = (tally.lines or 0) + sign * #order.lines
  tally.units = (tally.units or 0) + sign * units
  return tally
end
