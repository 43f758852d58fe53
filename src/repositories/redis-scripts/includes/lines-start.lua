-- Where the lines of a stored order (its compact JSON: repositories/orders/stored-order.ts) start,
-- and where the pieces of its dates are (that of expiresAt nil when it has none): the lines follow
-- the piece of the type, which follows the last date, 24 characters after its piece.
local function lines_start(stored)
  local updated = string.find(stored, '\15', 1, true)
  local expires = string.find(stored, '\16', updated, true)
  return (expires or updated) + 26, updated, expires
end
