-- The distinct codes of an order's lines.
local function order_codes(order)
  local codes, seen = {}, {}
  for _, l in ipairs(order.lines) do
    if not seen[l.code] then seen[l.code] = true; codes[#codes + 1] = l.code end
  end
  return codes
end
