-- Whether a stored order (its compact JSON: repositories/orders/stored-order.ts) is expired,
-- without decoding it. Its expiresAt, when it has one, follows the control character 3 and a quote;
-- stored dates are YYYY-MM-DDTHH:mm:ss.sssZ (24 characters), whose string order is time order.
local function stored_expired(stored, now_iso)
  local s = string.find(stored, '\3', 1, true)
  return s ~= nil and string.sub(stored, s + 2, s + 25) <= now_iso
end
