-- A date of a stored order (its compact JSON: repositories/orders/stored-order.ts), without
-- decoding it: `mark` is the control character before the value, '\15' lastUpdated or '\16'
-- expiresAt; nil when the order has none. Stored dates are YYYY-MM-DDTHH:mm:ss.sssZ.
local function stored_date(stored, mark)
  local s = string.find(stored, mark, 1, true)
  return s and string.sub(stored, s + 1, s + 24)
end
