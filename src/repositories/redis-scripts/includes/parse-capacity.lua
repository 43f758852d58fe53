--[[
  Stock-origin capacities and saturation events. T cap holds per code the origin's capacity as
  "maxQty,maxLines,maxOrders" (an empty part sets no limit), T thr the tenant's saturation
  thresholds, ascending ("0.8,1"; absent: 0.8 and 1). An origin's saturation is the
  largest of units/maxQty, lines/maxLines, orders/maxOrders among the limits set (none: no
  saturation). A script that moves some origins' figures watches them first (watch_saturation)
  and then tells (saturation_events): each threshold an origin's saturation crosses, upward or
  downward, is one stock_origin.saturation event. A tenant without capacities pays one EXISTS.
]]
local function parse_capacity(text)
  local q, l, o = string.match(text, '^(%d*),(%d*),(%d*)$')
  return { maxQty = tonumber(q), maxLines = tonumber(l), maxOrders = tonumber(o) }
end
