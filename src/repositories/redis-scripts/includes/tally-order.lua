-- Adds sign (1 or -1) times an order to `tally`, the counters' changes of a script that writes many
-- orders (restore, PUT staging), written once at its end by apply_tally: three HINCRBYs per call
-- rather than per order. The same counts as count_order, which writes them at once.
local function tally_order(tally, order, sign)
  local units = 0
  for _, l in ipairs(order.lines) do units = units + l.qty end
  tally[order.type] = (tally[order.type] or 0) + sign
  tally.lines = (tally.lines or 0) + sign * #order.lines
  tally.units = (tally.units or 0) + sign * units
end
