-- The same for a decoded order.
local function order_expired(order, now_iso)
  return order.expiresAt ~= nil and order.expiresAt <= now_iso
end
