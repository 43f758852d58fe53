--- @include "stored-date"
-- Whether a stored order (its compact JSON: repositories/orders/stored-order.ts) is expired,
-- without decoding it: stored dates are YYYY-MM-DDTHH:mm:ss.sssZ, whose string order is time order.
local function stored_expired(stored, now_iso)
  local expires_at = stored_date(stored, '\16')
  return expires_at ~= nil and expires_at <= now_iso
end
