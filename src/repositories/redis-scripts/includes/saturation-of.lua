local function saturation_of(cap, units, lines, orders)
  if not cap then return nil end
  local s = nil
  if cap.maxQty then s = math.max(s or 0, units / cap.maxQty) end
  if cap.maxLines then s = math.max(s or 0, lines / cap.maxLines) end
  if cap.maxOrders then s = math.max(s or 0, orders / cap.maxOrders) end
  return s
end
