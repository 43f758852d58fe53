--[[
  Removes orders whose expiry has passed, with everything they reserve (the expiry sweeper).

  Input:  KEYS[1..12] order-keys; ARGV[1..10] order-keys, ARGV[11] at most this many orders
  Derived keys: the og/ar figure keys of the removed orders' lines (from P).
  Output: {how many were removed}; {'moved', visible generation}
  Events: order.expired per order, stock_origin.saturation.
]]
--- @include "order-keys"
--- @include "remove-order"
return { purge_due(tonumber(ARGV[11])) }
